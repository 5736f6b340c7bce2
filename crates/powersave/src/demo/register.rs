//! The demo's customer register: an account number for every simulated meter, the demo
//! households' and two that no household has connected yet, so a visitor can sign up in the app
//! and connect one from the numbers the start-up banner prints (docs/DEMO.md).

use domain::household::{District, TariffCode};
use domain::meter::{IntervalLength, MeterId};
use domain::onboarding::{AccountNumber, RegisterEntry};
use store::Store;

use crate::config::Config;

/// Simulated meters beyond the demo households' that wait for a visitor to connect them.
pub const UNCLAIMED: u64 = 2;

/// The demo account number of the simulated meter with this index: `9` and the index.
pub fn account_number(index: u64) -> String {
    format!("9{index:09}")
}

/// The meters (and their account numbers) no demo household holds, for the banner.
pub fn unclaimed(households: u32) -> Vec<(String, String)> {
    (1..=UNCLAIMED)
        .map(|n| u64::from(households) + n)
        .map(|index| (simulator::Simulator::meter_id(index), account_number(index)))
        .collect()
}

/// Registers the unclaimed simulated meters (the simulator feeds them, so a visitor who
/// connects one finds its history there) and writes the register for every simulated meter.
pub async fn seed(config: &Config, store: &Store) -> anyhow::Result<()> {
    let households = u64::from(config.meter_data.simulator.demo_households);
    let districts = &config.programme.districts;
    let unclaimed: Vec<MeterId> = unclaimed(config.meter_data.simulator.demo_households)
        .iter()
        .map(|(meter, _)| MeterId::parse(meter))
        .collect::<Result<_, _>>()?;
    store
        .register_simulated_meters(&unclaimed, IntervalLength::FifteenMinutes)
        .await?;
    let entries = (1..=households + UNCLAIMED)
        .map(|index| {
            let district = districts
                .get((index as usize) % districts.len().max(1))
                .map(|d| District::parse(d, districts))
                .transpose()?;
            anyhow::Ok(RegisterEntry {
                meter_id: MeterId::parse(&simulator::Simulator::meter_id(index))?,
                account_number: AccountNumber::parse(&account_number(index))?,
                district,
                tariff_code: TariffCode::default(),
                interval: IntervalLength::FifteenMinutes,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    store
        .import_register(&entries, "demo register", 0, None)
        .await?;
    Ok(())
}
