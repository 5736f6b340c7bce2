//! One meter's readings for one UTC day as they are stored: the values, the estimate bitmap and
//! which data source wrote each slot (docs/RULES.md § Meter data).

use super::Quality;

/// What merging one reading into a day did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeOutcome {
    /// The slot was empty.
    Inserted,
    /// The slot held something else: a different value, or an estimate now replaced by an actual.
    Updated,
    /// The same value again, or an estimate offered where an actual is already stored.
    Unchanged,
    /// The slot lies in a settled session's window and would have changed: only a correction
    /// may change it, so nothing was written.
    Settled,
}

/// Whether an upload may change a slot that already holds a reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotState {
    /// Outside every settled session's window: the upload rules apply.
    Open,
    /// Inside a settled session's window: an empty slot may still be filled (late data), but a
    /// stored reading is changed only by a correction.
    Settled,
}

/// Marks an empty slot.
const MISSING: i32 = -1;

/// Bytes of one provenance run: the first slot (u16) and the source (i64), little-endian.
const RUN_BYTES: usize = 10;

/// One meter's readings for one UTC day, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayReadings {
    values: Vec<i32>,
    estimated: Vec<u8>,
    /// The source that wrote each slot; 0 where none is recorded (an empty slot, or a reading
    /// stored before sources were recorded).
    sources: Vec<i64>,
}

impl DayReadings {
    /// An empty day with `slots` slots.
    pub fn empty(slots: usize) -> Self {
        Self {
            values: vec![MISSING; slots],
            estimated: vec![0; slots.div_ceil(8)],
            sources: vec![0; slots],
        }
    }

    /// Rebuilds a day from its stored bytes; `None` if they are inconsistent. An empty
    /// provenance means no source is recorded for any slot.
    pub fn decode(values: &[u8], estimated: &[u8], sources: &[u8]) -> Option<Self> {
        if !values.len().is_multiple_of(4) {
            return None;
        }
        let values: Vec<i32> = values
            .chunks_exact(4)
            .map(|chunk| i32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]))
            .collect();
        if estimated.len() != values.len().div_ceil(8) {
            return None;
        }
        let sources = decode_runs(sources, values.len())?;
        Some(Self {
            values,
            estimated: estimated.to_vec(),
            sources,
        })
    }

    /// The values as stored: little-endian i32 per slot, -1 for missing.
    pub fn encode_values(&self) -> Vec<u8> {
        self.values.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// The estimate bitmap as stored.
    pub fn estimated_bits(&self) -> &[u8] {
        &self.estimated
    }

    /// The writing sources as stored: runs of (first slot as u16, source as i64), little-endian,
    /// one per change of source, so a day written by one source costs 10 bytes.
    pub fn encode_sources(&self) -> Vec<u8> {
        if self.sources.iter().all(|source| *source == 0) {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(RUN_BYTES * 2);
        let mut previous = None;
        for (slot, source) in self.sources.iter().enumerate() {
            if previous != Some(*source) {
                out.extend_from_slice(&u16::try_from(slot).unwrap_or(u16::MAX).to_le_bytes());
                out.extend_from_slice(&source.to_le_bytes());
                previous = Some(*source);
            }
        }
        out
    }

    /// Number of slots.
    pub fn slots(&self) -> usize {
        self.values.len()
    }

    /// Slots holding a value.
    pub fn count(&self) -> usize {
        self.values.iter().filter(|v| **v != MISSING).count()
    }

    /// The reading in a slot, if any.
    pub fn get(&self, slot: usize) -> Option<(u32, Quality)> {
        let value = *self.values.get(slot)?;
        (value != MISSING).then(|| (value.unsigned_abs(), self.quality(slot)))
    }

    /// The source that wrote a slot's reading, when one is recorded.
    pub fn source(&self, slot: usize) -> Option<i64> {
        self.get(slot)?;
        self.sources
            .get(slot)
            .copied()
            .filter(|source| *source != 0)
    }

    fn quality(&self, slot: usize) -> Quality {
        if self.estimated[slot / 8] & (1 << (slot % 8)) != 0 {
            Quality::Estimated
        } else {
            Quality::Actual
        }
    }

    /// Merges one reading from `source`: an actual replaces anything; an estimate never replaces
    /// an actual; the same value and quality again changes nothing; in a [`SlotState::Settled`]
    /// slot a stored reading is never replaced. Out-of-range slots are ignored as unchanged.
    pub fn merge(
        &mut self,
        slot: usize,
        wh: u32,
        quality: Quality,
        source: i64,
        state: SlotState,
    ) -> MergeOutcome {
        let Some(&current) = self.values.get(slot) else {
            return MergeOutcome::Unchanged;
        };
        let wh = i32::try_from(wh).unwrap_or(i32::MAX);
        let outcome = if current == MISSING {
            MergeOutcome::Inserted
        } else {
            match (self.quality(slot), quality) {
                (Quality::Actual, Quality::Estimated) => return MergeOutcome::Unchanged,
                (old, new) if old == new && current == wh => return MergeOutcome::Unchanged,
                _ if state == SlotState::Settled => return MergeOutcome::Settled,
                _ => MergeOutcome::Updated,
            }
        };
        self.set(slot, wh, quality, source);
        outcome
    }

    /// Replaces a slot whatever it holds (a staff correction, written as `source`), returning
    /// what was there; `None` for an out-of-range slot, `Some(None)` for an empty one.
    pub fn correct(
        &mut self,
        slot: usize,
        wh: u32,
        quality: Quality,
        source: i64,
    ) -> Option<Option<(u32, Quality)>> {
        if slot >= self.values.len() {
            return None;
        }
        let previous = self.get(slot);
        self.set(slot, i32::try_from(wh).unwrap_or(i32::MAX), quality, source);
        Some(previous)
    }

    fn set(&mut self, slot: usize, wh: i32, quality: Quality, source: i64) {
        self.values[slot] = wh;
        self.sources[slot] = source;
        let bit = 1 << (slot % 8);
        match quality {
            Quality::Estimated => self.estimated[slot / 8] |= bit,
            Quality::Actual => self.estimated[slot / 8] &= !bit,
        }
    }
}

/// Expands provenance runs to one source per slot; `None` when the runs do not describe a day
/// of `slots` slots (not starting at slot 0, not increasing, or past the end).
fn decode_runs(bytes: &[u8], slots: usize) -> Option<Vec<i64>> {
    if bytes.is_empty() {
        return Some(vec![0; slots]);
    }
    if !bytes.len().is_multiple_of(RUN_BYTES) {
        return None;
    }
    let runs: Vec<(usize, i64)> = bytes
        .chunks_exact(RUN_BYTES)
        .map(|run| {
            let first = usize::from(u16::from_le_bytes([run[0], run[1]]));
            let mut source = [0u8; 8];
            source.copy_from_slice(&run[2..]);
            (first, i64::from_le_bytes(source))
        })
        .collect();
    if runs.first().map(|(first, _)| *first) != Some(0)
        || runs.windows(2).any(|pair| pair[0].0 >= pair[1].0)
        || runs.last().is_some_and(|(first, _)| *first >= slots)
    {
        return None;
    }
    let mut sources = Vec::with_capacity(slots);
    for (index, (first, source)) in runs.iter().enumerate() {
        let end = runs.get(index + 1).map_or(slots, |(next, _)| *next);
        sources.extend(std::iter::repeat_n(*source, end - first));
    }
    Some(sources)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SOURCE: i64 = 7;

    fn merge(day: &mut DayReadings, slot: usize, wh: u32, quality: Quality) -> MergeOutcome {
        day.merge(slot, wh, quality, SOURCE, SlotState::Open)
    }

    #[test]
    fn merge_rules() {
        let mut day = DayReadings::empty(96);
        assert_eq!(
            merge(&mut day, 3, 500, Quality::Estimated),
            MergeOutcome::Inserted
        );
        assert_eq!(
            merge(&mut day, 3, 500, Quality::Estimated),
            MergeOutcome::Unchanged
        );
        assert_eq!(
            merge(&mut day, 3, 510, Quality::Estimated),
            MergeOutcome::Updated
        );
        assert_eq!(
            merge(&mut day, 3, 510, Quality::Actual),
            MergeOutcome::Updated,
            "actual replaces estimate"
        );
        assert_eq!(
            merge(&mut day, 3, 999, Quality::Estimated),
            MergeOutcome::Unchanged,
            "estimate never replaces actual"
        );
        assert_eq!(day.get(3), Some((510, Quality::Actual)));
        assert_eq!(
            merge(&mut day, 3, 520, Quality::Actual),
            MergeOutcome::Updated,
            "a corrected actual wins"
        );
        assert_eq!(
            merge(&mut day, 96, 1, Quality::Actual),
            MergeOutcome::Unchanged
        );
        assert_eq!(day.count(), 1);
        assert_eq!(day.get(4), None);
    }

    #[test]
    fn a_settled_slot_is_filled_but_never_overwritten_by_an_upload() {
        let mut day = DayReadings::empty(48);
        let settled = |day: &mut DayReadings, slot, wh, quality| {
            day.merge(slot, wh, quality, 9, SlotState::Settled)
        };
        assert_eq!(
            settled(&mut day, 1, 300, Quality::Estimated),
            MergeOutcome::Inserted,
            "late data fills an empty slot"
        );
        assert_eq!(
            settled(&mut day, 1, 300, Quality::Estimated),
            MergeOutcome::Unchanged
        );
        assert_eq!(
            settled(&mut day, 1, 450, Quality::Actual),
            MergeOutcome::Settled,
            "not even an actual over an estimate"
        );
        assert_eq!(
            settled(&mut day, 1, 450, Quality::Estimated),
            MergeOutcome::Settled
        );
        assert_eq!(day.get(1), Some((300, Quality::Estimated)));
        assert_eq!(
            day.correct(1, 450, Quality::Actual, 11),
            Some(Some((300, Quality::Estimated)))
        );
        assert_eq!(day.get(1), Some((450, Quality::Actual)));
        assert_eq!(day.source(1), Some(11));
        assert_eq!(day.correct(2, 10, Quality::Actual, 11), Some(None));
        assert_eq!(day.correct(48, 10, Quality::Actual, 11), None);
    }

    #[test]
    fn each_slot_keeps_the_source_that_wrote_it() {
        let mut day = DayReadings::empty(96);
        day.merge(0, 100, Quality::Actual, 3, SlotState::Open);
        day.merge(1, 100, Quality::Actual, 3, SlotState::Open);
        day.merge(1, 100, Quality::Actual, 4, SlotState::Open);
        day.merge(5, 200, Quality::Actual, 4, SlotState::Open);
        assert_eq!(
            day.source(1),
            Some(3),
            "an unchanged reading keeps its writer"
        );
        assert_eq!(day.source(5), Some(4));
        assert_eq!(day.source(2), None, "an empty slot has no writer");
        // Runs: 3 from slot 0, none from 2, 4 at 5, none from 6.
        assert_eq!(day.encode_sources().len(), 4 * RUN_BYTES);
        let decoded = DayReadings::decode(
            &day.encode_values(),
            day.estimated_bits(),
            &day.encode_sources(),
        );
        assert_eq!(decoded.as_ref(), Some(&day));
        let legacy = DayReadings::decode(&day.encode_values(), day.estimated_bits(), &[]);
        assert_eq!(legacy.map(|d| d.source(0)), Some(None));
    }

    #[test]
    fn inconsistent_provenance_is_refused() {
        let day = DayReadings::empty(48);
        let (values, bits) = (day.encode_values(), day.estimated_bits().to_vec());
        let run = |first: u16, source: i64| {
            let mut bytes = first.to_le_bytes().to_vec();
            bytes.extend_from_slice(&source.to_le_bytes());
            bytes
        };
        assert!(
            DayReadings::decode(&values, &bits, &run(1, 3)).is_none(),
            "must start at 0"
        );
        assert!(DayReadings::decode(&values, &bits, &run(0, 3)[..9]).is_none());
        let past_end = [run(0, 3), run(48, 4)].concat();
        assert!(DayReadings::decode(&values, &bits, &past_end).is_none());
        let backwards = [run(0, 3), run(9, 4), run(9, 5)].concat();
        assert!(DayReadings::decode(&values, &bits, &backwards).is_none());
    }

    proptest! {
        #[test]
        fn encoding_round_trips(cells in proptest::collection::vec(proptest::option::of((0u32..100_000, any::<bool>(), 1i64..4)), 48)) {
            let mut day = DayReadings::empty(48);
            for (slot, cell) in cells.iter().enumerate() {
                if let Some((wh, estimated, source)) = cell {
                    let quality = if *estimated { Quality::Estimated } else { Quality::Actual };
                    day.merge(slot, *wh, quality, *source, SlotState::Open);
                }
            }
            let decoded = DayReadings::decode(&day.encode_values(), day.estimated_bits(), &day.encode_sources()).unwrap();
            prop_assert_eq!(&decoded, &day);
            prop_assert_eq!(decoded.count(), cells.iter().filter(|c| c.is_some()).count());
            for (slot, cell) in cells.iter().enumerate() {
                prop_assert_eq!(decoded.source(slot), cell.map(|(_, _, source)| source));
            }
        }

        #[test]
        fn replaying_readings_changes_nothing(values in proptest::collection::vec((0usize..96, 0u32..10_000, any::<bool>()), 1..200)) {
            let mut day = DayReadings::empty(96);
            for (slot, wh, estimated) in &values {
                merge(&mut day, *slot, *wh, if *estimated { Quality::Estimated } else { Quality::Actual });
            }
            let snapshot = day.clone();
            // Replaying only the final state of every slot is a no-op.
            for slot in 0..96 {
                if let Some((wh, quality)) = snapshot.get(slot) {
                    prop_assert_eq!(merge(&mut day, slot, wh, quality), MergeOutcome::Unchanged);
                }
            }
            prop_assert_eq!(day, snapshot);
        }

        #[test]
        fn a_settled_slot_never_changes_once_written(first in 0u32..10_000, later in proptest::collection::vec((0u32..10_000, any::<bool>()), 1..20)) {
            let mut day = DayReadings::empty(96);
            day.merge(10, first, Quality::Estimated, 1, SlotState::Settled);
            for (wh, estimated) in later {
                let quality = if estimated { Quality::Estimated } else { Quality::Actual };
                let outcome = day.merge(10, wh, quality, 2, SlotState::Settled);
                prop_assert!(matches!(outcome, MergeOutcome::Unchanged | MergeOutcome::Settled));
            }
            prop_assert_eq!(day.get(10), Some((first, Quality::Estimated)));
            prop_assert_eq!(day.source(10), Some(1));
        }
    }
}
