// Sandboxed preload: exposes exactly one function per contract channel on window.pos, nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { createPosApi } from '../shared/ipc/pos-api'

const api = createPosApi(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (channel, listener) => {
    // The event object leads back to ipcRenderer: only the payload crosses into the page.
    const wrapped = (_event: IpcRendererEvent, envelope: unknown) => listener(envelope)
    ipcRenderer.on(channel, wrapped)
    return () => {
      ipcRenderer.removeListener(channel, wrapped)
    }
  },
)

contextBridge.exposeInMainWorld('pos', api)
