import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { requests, type RequestChannel } from '../../shared/ipc/contract'
import type { Dispatch, SenderInfo } from '../ipc/dispatcher'
import type { EventHub } from '../ipc/event-hub'

function senderOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame
  return {
    frameUrl: frame?.url ?? null,
    isTopFrame: frame !== null && frame !== undefined && frame.parent === null,
    contentsId: event.sender.id,
  }
}

/** The one place ipcMain is touched: every contract channel goes through the dispatcher. */
export function registerIpc(dispatch: Dispatch): void {
  for (const channel of Object.keys(requests) as RequestChannel[]) {
    ipcMain.handle(channel, (event, raw: unknown) => dispatch(senderOf(event), channel, raw))
  }
}

/** Pushes the core's events to the window for as long as it lives. */
export function connectWindowEvents(hub: EventHub, window: BrowserWindow): void {
  const disconnect = hub.connect((channel, envelope) => {
    if (!window.isDestroyed()) window.webContents.send(channel, envelope)
  })
  window.on('closed', disconnect)
}
