// Sandboxed preload of the customer display: window.customerDisplay can follow the customer:view
// event and send one message, the customer's tip (src/shared/ipc/customer-api.ts); nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CHOOSE_TIP_CHANNEL, CUSTOMER_CHANNEL, createCustomerApi } from '../shared/ipc/customer-api'

const { api, deliver } = createCustomerApi((choice) => ipcRenderer.send(CHOOSE_TIP_CHANNEL, choice))
// The event object leads back to ipcRenderer: only the payload crosses into the page.
ipcRenderer.on(CUSTOMER_CHANNEL, (_event: IpcRendererEvent, envelope: unknown) => deliver(envelope))
contextBridge.exposeInMainWorld('customerDisplay', api)
