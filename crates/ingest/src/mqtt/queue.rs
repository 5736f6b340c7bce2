//! The hand-over from the MQTT connection to the writer, bounded in messages and in bytes.
//!
//! A message takes byte permits for its size before it enters the queue and keeps them until the
//! writer has stored (or dead-lettered) it, so what is held in memory between the socket and the
//! database never exceeds the budget. When the budget or the message count is exhausted, `send`
//! waits: the listener stops reading from the broker, TCP flow control holds the publisher's
//! data at the broker, and nothing is buffered without bound here.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};

/// The sending half, owned by the connection loop.
pub(super) struct Sender<T> {
    budget: usize,
    bytes: Arc<Semaphore>,
    messages: mpsc::Sender<Held<T>>,
}

/// The receiving half, owned by the writer.
pub(super) struct Receiver<T> {
    messages: mpsc::Receiver<Held<T>>,
}

/// An item with the byte permits it holds; dropping it gives them back.
pub(super) struct Held<T> {
    /// The item.
    pub(super) item: T,
    /// The item's share of the budget.
    pub(super) permit: OwnedSemaphorePermit,
}

/// The writer has gone away.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Closed;

/// A queue of at most `messages` items and `bytes` bytes.
pub(super) fn bounded<T>(messages: usize, bytes: usize) -> (Sender<T>, Receiver<T>) {
    // The semaphore counts in `u32` steps per acquisition: keep the budget within that.
    let budget = bytes.clamp(1, u32::MAX as usize);
    let (sender, receiver) = mpsc::channel(messages.max(1));
    (
        Sender {
            budget,
            bytes: Arc::new(Semaphore::new(budget)),
            messages: sender,
        },
        Receiver { messages: receiver },
    )
}

impl<T> Sender<T> {
    /// Queues `item` of `size` bytes, waiting while the queue is full. An item larger than the
    /// whole budget counts as the whole budget, so it still passes once the queue is empty.
    pub(super) async fn send(&self, item: T, size: usize) -> Result<(), Closed> {
        let size = u32::try_from(size.clamp(1, self.budget)).unwrap_or(u32::MAX);
        let permit = Arc::clone(&self.bytes)
            .acquire_many_owned(size)
            .await
            .map_err(|_| Closed)?;
        self.messages
            .send(Held { item, permit })
            .await
            .map_err(|_| Closed)
    }
}

impl<T> Receiver<T> {
    /// The next item, `None` once the sender is gone and the queue is empty.
    pub(super) async fn recv(&mut self) -> Option<Held<T>> {
        self.messages.recv().await
    }
}

#[cfg(test)]
mod tests {
    use std::pin::pin;

    use futures_util::FutureExt;

    use super::*;

    #[tokio::test]
    async fn a_full_byte_budget_holds_the_sender_until_the_writer_lets_go() {
        let (sender, mut receiver) = bounded::<&str>(100, 10);
        sender.send("first", 6).await.unwrap();
        sender.send("second", 4).await.unwrap();
        // Ten bytes are held: one more byte must wait.
        let mut third = pin!(sender.send("third", 1));
        assert!(third.as_mut().now_or_never().is_none());
        let first = receiver.recv().await.unwrap();
        assert_eq!(first.item, "first");
        // Received but not yet stored: its bytes still count.
        assert!(third.as_mut().now_or_never().is_none());
        drop(first);
        assert_eq!(third.as_mut().now_or_never(), Some(Ok(())));
        assert_eq!(receiver.recv().await.unwrap().item, "second");
        assert_eq!(receiver.recv().await.unwrap().item, "third");
    }

    #[tokio::test]
    async fn a_full_message_count_holds_the_sender_too() {
        let (sender, mut receiver) = bounded::<u8>(2, 1_000);
        sender.send(1, 1).await.unwrap();
        sender.send(2, 1).await.unwrap();
        let mut third = pin!(sender.send(3, 1));
        assert!(third.as_mut().now_or_never().is_none());
        assert_eq!(receiver.recv().await.unwrap().item, 1);
        assert_eq!(third.as_mut().now_or_never(), Some(Ok(())));
    }

    #[tokio::test]
    async fn an_item_larger_than_the_budget_passes_alone_and_a_gone_writer_is_reported() {
        let (sender, mut receiver) = bounded::<u8>(10, 8);
        sender.send(1, 1_000).await.unwrap();
        let mut second = pin!(sender.send(2, 1));
        assert!(second.as_mut().now_or_never().is_none());
        drop(receiver.recv().await.unwrap());
        assert_eq!(second.as_mut().now_or_never(), Some(Ok(())));
        drop(receiver);
        assert_eq!(sender.send(3, 1).await, Err(Closed));
    }
}
