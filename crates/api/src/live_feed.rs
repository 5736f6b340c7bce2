//! One feed per live session, shared by every household stream open on it.
//!
//! Thousands of households may follow the same session. Were each stream to listen to every
//! reading event and compute its own progress, a batch of readings would wake every stream and
//! cost a round of queries per affected stream. Instead one task per session listens, gathers the
//! events queued meanwhile, works out which open households they touch, computes all of their
//! progress with a few queries ([`engine::Engine::households_live_progress`]) and hands each its
//! figures through a `watch` channel, which keeps only the latest: a stream that is throttled or
//! slow skips straight to the newest figures. Staff streams share one aggregate per session in
//! the same way ([`programme`]).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, Weak};

use domain::session::SessionState;
use engine::LiveProgress;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use tokio::sync::{oneshot, watch};
use uuid::Uuid;

/// A household's progress as of the latest readings, or why it could not be computed.
pub type LiveUpdate = Result<(SessionState, LiveProgress), String>;

/// Where a stream's updates arrive; `None` until the first batch that touches the household.
pub type UpdateReceiver = watch::Receiver<Option<Arc<LiveUpdate>>>;

mod programme;

pub use programme::ProgrammeSubscription;

/// The feeds of the sessions being followed: per household, and the programme's aggregate.
#[derive(Clone)]
pub struct LiveFeeds {
    engine: engine::Engine,
    events: ingest::ReadingEvents,
    feeds: Arc<Mutex<HashMap<Uuid, Weak<Feed>>>>,
    programmes: Arc<Mutex<HashMap<Uuid, Weak<programme::ProgrammeFeed>>>>,
}

/// A household stream's hold on its session's feed: while any is held the feed runs.
pub struct Subscription {
    /// The household's latest progress.
    pub updates: UpdateReceiver,
    _feed: Arc<Feed>,
}

/// Who follows a session.
struct Feed {
    households: Mutex<Households>,
    /// Dropped with the feed, which tells its task to stop.
    _alive: oneshot::Sender<()>,
}

#[derive(Default)]
struct Households {
    /// Meter storage key → the households (with an open stream) it belongs to.
    by_meter: HashMap<i64, Vec<Uuid>>,
    /// One channel per household, shared by its open streams.
    channels: HashMap<Uuid, watch::Sender<Option<Arc<LiveUpdate>>>>,
}

impl Households {
    /// The households with open streams that own any of `meters` (all of them when `everyone`),
    /// forgetting those whose streams have all closed.
    fn affected(&mut self, meters: &HashSet<i64>, everyone: bool) -> Vec<Uuid> {
        self.channels
            .retain(|_, channel| channel.receiver_count() > 0);
        let channels = &self.channels;
        self.by_meter.retain(|_, users| {
            users.retain(|user| channels.contains_key(user));
            !users.is_empty()
        });
        if everyone {
            return self.channels.keys().copied().collect();
        }
        let mut users: Vec<Uuid> = meters
            .iter()
            .filter_map(|meter| self.by_meter.get(meter))
            .flatten()
            .copied()
            .collect();
        users.sort_unstable();
        users.dedup();
        users
    }
}

impl LiveFeeds {
    /// Feeds computed by `engine` from the readings announced on `events`.
    pub fn new(engine: engine::Engine, events: ingest::ReadingEvents) -> Self {
        Self {
            engine,
            events,
            feeds: Arc::default(),
            programmes: Arc::default(),
        }
    }

    /// Follows `user`'s progress in `session` as readings of `meters` (its meters' storage keys)
    /// arrive. Starts the session's feed if no stream follows it yet; needs a Tokio runtime.
    pub fn subscribe(&self, session: Uuid, user: Uuid, meters: &[i64]) -> Subscription {
        let feed = {
            let mut feeds = self.feeds.lock().unwrap_or_else(|p| p.into_inner());
            feeds.retain(|_, feed| feed.strong_count() > 0);
            match feeds.get(&session).and_then(Weak::upgrade) {
                Some(feed) => feed,
                None => {
                    let feed = self.start(session);
                    feeds.insert(session, Arc::downgrade(&feed));
                    feed
                }
            }
        };
        let updates = {
            let mut households = feed.households.lock().unwrap_or_else(|p| p.into_inner());
            let updates = match households.channels.get(&user) {
                Some(channel) => channel.subscribe(),
                None => {
                    let (channel, updates) = watch::channel(None);
                    households.channels.insert(user, channel);
                    updates
                }
            };
            for meter in meters {
                let owners = households.by_meter.entry(*meter).or_default();
                if !owners.contains(&user) {
                    owners.push(user);
                }
            }
            updates
        };
        Subscription {
            updates,
            _feed: feed,
        }
    }

    fn start(&self, session: Uuid) -> Arc<Feed> {
        let (alive, gone) = oneshot::channel();
        let feed = Arc::new(Feed {
            households: Mutex::default(),
            _alive: alive,
        });
        tokio::spawn(run(
            self.engine.clone(),
            session,
            Arc::downgrade(&feed),
            self.events.subscribe(),
            gone,
        ));
        feed
    }
}

/// The feed's task: until the last stream leaves, turns each burst of reading events into fresh
/// progress for the households it touches.
async fn run(
    engine: engine::Engine,
    session: Uuid,
    feed: Weak<Feed>,
    mut events: tokio::sync::broadcast::Receiver<Arc<Vec<i64>>>,
    mut gone: oneshot::Receiver<()>,
) {
    loop {
        let first = tokio::select! {
            _ = &mut gone => return,
            event = events.recv() => event,
        };
        let mut meters: HashSet<i64> = HashSet::new();
        // Events were lost: every household may have changed.
        let mut everyone = false;
        match first {
            Ok(changed) => meters.extend(changed.iter()),
            Err(RecvError::Lagged(_)) => everyone = true,
            Err(RecvError::Closed) => return,
        }
        loop {
            match events.try_recv() {
                Ok(changed) => meters.extend(changed.iter()),
                Err(TryRecvError::Lagged(_)) => everyone = true,
                Err(TryRecvError::Empty | TryRecvError::Closed) => break,
            }
        }
        let Some(feed) = feed.upgrade() else { return };
        let users = feed
            .households
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .affected(&meters, everyone);
        if users.is_empty() {
            continue;
        }
        let updates = compute(&engine, session, &users).await;
        let households = feed.households.lock().unwrap_or_else(|p| p.into_inner());
        for (user, update) in updates {
            if let Some(channel) = households.channels.get(&user) {
                channel.send_replace(Some(update));
            }
        }
    }
}

/// One session's progress, for one household (`only`) or the whole programme, or why it could
/// not be computed (logged here, sent to the stream as an error event).
pub(crate) async fn live_update(
    engine: &engine::Engine,
    session: Uuid,
    only: Option<Uuid>,
) -> LiveUpdate {
    let computed = match engine.store().session(session).await {
        Ok(record) => engine
            .live_progress(&record, only)
            .await
            .map(|progress| (record.state, progress))
            .map_err(|error| error.to_string()),
        Err(error) => Err(error.to_string()),
    };
    if let Err(message) = &computed {
        tracing::warn!(%session, %message, "live progress failed");
    }
    computed
}

/// The progress of `users`, or the same error for all of them.
async fn compute(
    engine: &engine::Engine,
    session: Uuid,
    users: &[Uuid],
) -> Vec<(Uuid, Arc<LiveUpdate>)> {
    let computed = match engine.store().session(session).await {
        Ok(record) => engine
            .households_live_progress(&record, users)
            .await
            .map(|progress| (record.state, progress))
            .map_err(|error| error.to_string()),
        Err(error) => Err(error.to_string()),
    };
    match computed {
        Ok((state, progress)) => progress
            .into_iter()
            .map(|(user, progress)| (user, Arc::new(Ok((state, progress)))))
            .collect(),
        Err(message) => {
            tracing::warn!(%session, %message, "live progress failed");
            let failed = Arc::new(Err(message));
            users.iter().map(|user| (*user, failed.clone())).collect()
        }
    }
}
