// Sandboxed preload of the customer display: window.customerDisplay can only follow the
// customer:view event (src/shared/ipc/customer-api.ts); it has no way to send anything to main.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CUSTOMER_CHANNEL, createCustomerApi } from '../shared/ipc/customer-api'

const { api, deliver } = createCustomerApi()
// The event object leads back to ipcRenderer: only the payload crosses into the page.
ipcRenderer.on(CUSTOMER_CHANNEL, (_event: IpcRendererEvent, envelope: unknown) => deliver(envelope))
contextBridge.exposeInMainWorld('customerDisplay', api)
