// Entry of the customer display page: a separate bundle from the cashier's, with its own bridge.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { CustomerDisplay } from './CustomerDisplay'
import './customer.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <CustomerDisplay />
    </StrictMode>,
  )
}
