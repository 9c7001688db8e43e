#pragma once
/// SIGINT/SIGTERM handling without async handlers: the signals are blocked in every
/// thread and collected synchronously by the main thread.
/// Thread-safety: call BlockTerminationSignals() before any thread is started.

namespace ls::agent {

/// Blocks SIGINT and SIGTERM in the calling thread (threads started later inherit it).
void BlockTerminationSignals();

/// Waits up to `timeout_ms` for SIGINT/SIGTERM; returns the signal number or 0.
int WaitForTerminationSignal(int timeout_ms);

}  // namespace ls::agent
