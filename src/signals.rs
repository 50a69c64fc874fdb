//! Stop signals as values: SIGTERM, SIGHUP (the SSH link dropped) and SIGINT reach the app as a
//! [`Stop`] it can poll or receive on a channel, so it can autosave and give the terminal back
//! before it exits.
//!
//! While a [`StopSignals`] is alive the first stop signal is only reported; a second SIGTERM or
//! SIGINT ends the process at once, so a stuck app can still be stopped (a repeated SIGHUP does
//! not: a dropped SSH link sends two). Once it is dropped the signals do what they did before. Outside Unix nothing is delivered (Ctrl-C in raw mode is a key there).

use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

/// A request from outside to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// SIGTERM: the system or a user asked riskshare to end.
    Terminate,
    /// SIGHUP: the terminal went away, as when an SSH connection drops.
    Hangup,
    /// SIGINT: Ctrl-C outside raw mode, or `kill -INT`.
    Interrupt,
}

impl Stop {
    /// The signal's name, for a message.
    pub fn name(self) -> &'static str {
        match self {
            Stop::Terminate => "SIGTERM",
            Stop::Hangup => "SIGHUP",
            Stop::Interrupt => "SIGINT",
        }
    }
}

/// Listens for stop signals until dropped.
pub struct StopSignals {
    receiver: Option<Receiver<Stop>>,
    #[cfg(unix)]
    _listener: Option<unix::Listener>,
    /// Keeps the channel open where no signal will ever come, so receiving waits, not fails.
    #[cfg(not(unix))]
    _sender: Option<Box<dyn Send>>,
}

impl StopSignals {
    /// Starts listening; poll with [`StopSignals::try_recv`] or wait with
    /// [`StopSignals::recv_timeout`].
    pub fn listen() -> std::io::Result<StopSignals> {
        let (sender, receiver) = mpsc::channel();
        let mut signals = Self::forward(sender, |stop| stop)?;
        signals.receiver = Some(receiver);
        Ok(signals)
    }

    /// Starts listening and sends each stop, wrapped by `wrap`, into the app's own channel, the
    /// one its key events arrive on, so its event loop waits on one channel for both.
    pub fn forward<T: Send + 'static>(
        sender: Sender<T>,
        wrap: impl Fn(Stop) -> T + Send + 'static,
    ) -> std::io::Result<StopSignals> {
        #[cfg(unix)]
        {
            let listener = unix::Listener::start(move |stop| sender.send(wrap(stop)).is_ok())?;
            Ok(StopSignals {
                receiver: None,
                _listener: Some(listener),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = wrap;
            Ok(StopSignals {
                receiver: None,
                _sender: Some(Box::new(sender)),
            })
        }
    }

    /// The app handled a stop and carries on: the next stop is reported too, instead of ending
    /// the process.
    pub fn carry_on(&self) {
        #[cfg(unix)]
        unix::disarm();
    }

    /// A stop that has arrived, without waiting. Always None for a forwarding listener.
    pub fn try_recv(&self) -> Option<Stop> {
        self.receiver.as_ref()?.try_recv().ok()
    }

    /// Waits up to `timeout` for a stop. Always None for a forwarding listener.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Stop> {
        self.receiver.as_ref()?.recv_timeout(timeout).ok()
    }
}

#[cfg(unix)]
mod unix {
    use super::Stop;
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::{Handle, Signals};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, OnceLock};
    use std::thread::JoinHandle;

    const STOPS: [i32; 3] = [SIGTERM, SIGHUP, SIGINT];

    /// `armed`: set by a stop signal while someone listens, and whenever no one does: when set,
    /// the next SIGTERM or SIGINT does what it would without riskshare (end the process).
    /// `unheard`: set whenever no one listens, when SIGHUP ends the process as usual. While
    /// someone listens a repeated SIGHUP is no person insisting: when an SSH link drops the
    /// kernel and the shell each send one, and ending at the second would cut short the autosave
    /// the first one asked for.
    fn flags() -> &'static (Arc<AtomicBool>, Arc<AtomicBool>) {
        static FLAGS: OnceLock<(Arc<AtomicBool>, Arc<AtomicBool>)> = OnceLock::new();
        FLAGS.get_or_init(|| {
            let armed = Arc::new(AtomicBool::new(true));
            let unheard = Arc::new(AtomicBool::new(true));
            for signal in STOPS {
                let ends = if signal == SIGHUP { &unheard } else { &armed };
                // Order matters: the default action is checked before this signal arms it.
                let _ = signal_hook::flag::register_conditional_default(signal, ends.clone());
                let _ = signal_hook::flag::register(signal, armed.clone());
            }
            (armed, unheard)
        })
    }

    pub(super) fn disarm() {
        flags().0.store(false, Ordering::SeqCst);
    }

    /// Someone listens (false) or no one does (true).
    fn unheard(value: bool) {
        let (armed, unheard) = flags();
        unheard.store(value, Ordering::SeqCst);
        if value {
            armed.store(true, Ordering::SeqCst);
        }
    }

    pub(super) struct Listener {
        handle: Handle,
        thread: Option<JoinHandle<()>>,
    }

    impl Listener {
        pub(super) fn start(
            deliver: impl Fn(Stop) -> bool + Send + 'static,
        ) -> std::io::Result<Listener> {
            let mut signals = Signals::new(STOPS)?;
            disarm();
            unheard(false);
            let handle = signals.handle();
            let thread = std::thread::Builder::new()
                .name("stop-signals".into())
                .spawn(move || {
                    for signal in signals.forever() {
                        let stop = match signal {
                            SIGTERM => Stop::Terminate,
                            SIGHUP => Stop::Hangup,
                            _ => Stop::Interrupt,
                        };
                        if !deliver(stop) {
                            break;
                        }
                    }
                    // No one hears them now: let them end the process as usual.
                    unheard(true);
                })?;
            Ok(Listener {
                handle,
                thread: Some(thread),
            })
        }
    }

    impl Drop for Listener {
        fn drop(&mut self) {
            unheard(true);
            self.handle.close();
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
        }
    }
}
