//! What every engine story starts from, in this crate's tests and in those of the crates above.

use domain::baseline::Eligibility;
use domain::calendar::Calendar;
use domain::rewards::RewardRules;
use domain::settlement::SettlementWindow;
use store::testing::TestDatabase;
use store::{PoolOptions, Store};

use crate::{Engine, EngineSettings};

/// A migrated store on `database` and an engine over it with the programme's defaults: the
/// Cyprus calendar, the default eligibility and a 21-day settlement window.
pub async fn engine_on(database: &TestDatabase) -> (Store, Engine) {
    let store = Store::connect(database.url(), PoolOptions::default())
        .await
        .unwrap_or_else(|e| panic!("connecting to the test database: {e}"));
    store
        .migrate()
        .await
        .unwrap_or_else(|e| panic!("migrating the test database: {e}"));
    let engine = Engine::new(
        store.clone(),
        EngineSettings {
            calendar: Calendar::cyprus(2024..=2030, []),
            eligibility: Eligibility::default(),
            settlement_window: SettlementWindow::default(),
            rewards: RewardRules::default(),
            progress: crate::ProgressSettings::default(),
        },
    );
    (store, engine)
}
