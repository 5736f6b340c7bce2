//! One aggregate per live session, shared by every staff stream open on it.
//!
//! The aggregate covers every participant: for a national session, hundreds of thousands of
//! results and their readings, which takes seconds to compute. Were each staff stream to compute
//! it after every batch of readings, a few open dashboards would keep the database busy with
//! nothing else. Instead one task per session computes it, hands the latest figures to every staff
//! stream through a `watch` channel, and after each computation rests twice as long as it took
//! (at least [`MIN_PAUSE`]) before computing again, and only once new readings have arrived or
//! another staff stream has joined (which also picks up a change of state): the database spends
//! at most a third of its time on the aggregate however many follow it.

use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use tokio::sync::{Notify, oneshot, watch};
use uuid::Uuid;

use super::{LiveFeeds, LiveUpdate, UpdateReceiver, live_update};

/// The shortest rest between two computations of an aggregate.
const MIN_PAUSE: Duration = Duration::from_millis(250);

/// A staff stream's hold on its session's aggregate: while any is held the aggregate is kept up.
pub struct ProgrammeSubscription {
    /// The latest aggregate; `None` until the first computation ends.
    pub updates: UpdateReceiver,
    _feed: Arc<ProgrammeFeed>,
}

/// The task computing one session's aggregate.
pub(super) struct ProgrammeFeed {
    updates: UpdateReceiver,
    /// Asks for a fresh computation without new readings: a dashboard that joins a running feed
    /// must not be left with figures from before the session moved on.
    refresh: Arc<Notify>,
    /// Dropped with the feed, which tells its task to stop.
    _alive: oneshot::Sender<()>,
}

impl LiveFeeds {
    /// Follows the aggregate of `session`. Starts its computation if no staff stream follows it
    /// yet; needs a Tokio runtime.
    pub fn follow_programme(&self, session: Uuid) -> ProgrammeSubscription {
        let mut programmes = self.programmes.lock().unwrap_or_else(|p| p.into_inner());
        programmes.retain(|_, feed| feed.strong_count() > 0);
        let feed = match programmes.get(&session).and_then(Weak::upgrade) {
            Some(feed) => {
                feed.refresh.notify_one();
                feed
            }
            None => {
                let (alive, gone) = oneshot::channel();
                let (sender, updates) = watch::channel(None);
                let refresh = Arc::new(Notify::new());
                tokio::spawn(run(
                    self.engine.clone(),
                    session,
                    sender,
                    Wakers {
                        events: self.events.subscribe(),
                        refresh: refresh.clone(),
                        gone,
                    },
                ));
                let feed = Arc::new(ProgrammeFeed {
                    updates,
                    refresh,
                    _alive: alive,
                });
                programmes.insert(session, Arc::downgrade(&feed));
                feed
            }
        };
        ProgrammeSubscription {
            updates: feed.updates.clone(),
            _feed: feed,
        }
    }
}

/// What wakes the aggregate's task.
struct Wakers {
    /// New readings.
    events: tokio::sync::broadcast::Receiver<Arc<Vec<i64>>>,
    /// A staff stream joined.
    refresh: Arc<Notify>,
    /// The last staff stream left.
    gone: oneshot::Receiver<()>,
}

/// The aggregate's task: computes, publishes, rests, and waits for new readings or a joining
/// staff stream, until the last staff stream leaves or the readings stop for good.
async fn run(
    engine: engine::Engine,
    session: Uuid,
    sender: watch::Sender<Option<Arc<LiveUpdate>>>,
    mut wakers: Wakers,
) {
    loop {
        let started = Instant::now();
        let update = live_update(&engine, session, None).await;
        sender.send_replace(Some(Arc::new(update)));
        let pause = (started.elapsed() * 2).max(MIN_PAUSE);
        tokio::select! {
            _ = &mut wakers.gone => return,
            () = tokio::time::sleep(pause) => {}
        }
        let mut arrived = false;
        loop {
            match wakers.events.try_recv() {
                Ok(_) | Err(TryRecvError::Lagged(_)) => arrived = true,
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Closed) => return,
            }
        }
        if !arrived {
            tokio::select! {
                _ = &mut wakers.gone => return,
                () = wakers.refresh.notified() => {}
                event = wakers.events.recv() => if let Err(RecvError::Closed) = event { return },
            }
        }
    }
}
