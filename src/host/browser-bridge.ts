// Runs in the browser page served by the browser host, before the app: gives it the same
// window.pos as the Electron preload, carried over the host's loopback WebSocket.
import type { EventChannel } from '../shared/ipc/contract'
import { createPosApi } from '../shared/ipc/pos-api'

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void }

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? ''
const listeners = new Map<EventChannel, Set<(envelope: unknown) => void>>()
const pending = new Map<number, Pending>()
let nextId = 1
let socket: WebSocket | null = null
let opened: Promise<WebSocket> | null = null

function connect(): Promise<WebSocket> {
  if (opened) return opened
  opened = new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${location.host}/bridge?token=${encodeURIComponent(token)}`)
    ws.onopen = () => {
      socket = ws
      resolve(ws)
    }
    ws.onmessage = (message) => {
      let frame: { id?: number; result?: unknown; event?: EventChannel; envelope?: unknown }
      try {
        frame = JSON.parse(String(message.data))
      } catch {
        return
      }
      if (typeof frame.id === 'number') {
        pending.get(frame.id)?.resolve(frame.result)
        pending.delete(frame.id)
      } else if (frame.event) {
        for (const l of listeners.get(frame.event) ?? []) l(frame.envelope)
      }
    }
    ws.onclose = () => {
      socket = null
      opened = null
      for (const p of pending.values()) p.reject(new Error('bridge closed'))
      pending.clear()
      reject(new Error('bridge closed'))
      // Keep events flowing after a host restart while anyone listens.
      if (listeners.size > 0) setTimeout(() => void connect().catch(() => {}), 1000)
    }
  })
  return opened
}

const api = createPosApi(
  async (channel, input) => {
    const ws = socket ?? (await connect())
    const id = nextId++
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      ws.send(JSON.stringify({ id, channel, input }))
    })
  },
  (channel, listener) => {
    let set = listeners.get(channel)
    if (!set) listeners.set(channel, (set = new Set()))
    set.add(listener)
    void connect().catch(() => {})
    return () => {
      set.delete(listener)
      if (set.size === 0) listeners.delete(channel)
    }
  },
)

Object.defineProperty(window, 'pos', { value: api, enumerable: true })
