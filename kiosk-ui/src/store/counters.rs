//! Anonymous daily counters: sessions by end reason, saved documents by class, failures by
//! cause.
//!
//! One finished session adds to three small tables in one transaction, from its
//! [`SessionSummary`] alone: nothing but a day, codes from fixed enums, and counts. A day is
//! the finest grain, so the counters cannot place one resident's visit at a time of day.

use std::collections::BTreeMap;

use rusqlite::Transaction;
use scanner::classify::DocClass;
use time::Date;

use super::{Store, StoreError};
use crate::session::SessionSummary;

/// One day's counters, by code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayCounters {
    /// Sessions by end reason (`finished`, `inactivity`…).
    pub sessions: BTreeMap<String, u64>,
    /// Documents the vault confirmed, by class (`payslip`, `identity_card`…).
    pub documents: BTreeMap<String, u64>,
    /// Failures by cause (`upload_network`, `camera_lost`…).
    pub failures: BTreeMap<String, u64>,
}

impl DayCounters {
    /// All sessions of the day, whatever their end.
    pub fn sessions_total(&self) -> u64 {
        self.sessions.values().sum()
    }
}

/// The class's name as the scanner's CLI spells it (`identity_card`…).
fn class_code(class: DocClass) -> String {
    match serde_json::to_value(class) {
        Ok(serde_json::Value::String(code)) => code,
        _ => "other".to_owned(),
    }
}

/// The tables behind each counter family; fixed names, never from input.
const TABLES: [(&str, &str); 3] = [
    ("daily_sessions", "reason"),
    ("daily_documents", "class"),
    ("daily_failures", "cause"),
];

fn bump(tx: &Transaction<'_>, table: usize, day: i32, code: &str) -> Result<(), StoreError> {
    let (table, column) = TABLES[table];
    tx.execute(
        &format!(
            "INSERT INTO {table} (day, {column}, count) VALUES (?1, ?2, 1)
             ON CONFLICT (day, {column}) DO UPDATE SET count = count + 1"
        ),
        (day, code),
    )?;
    Ok(())
}

impl Store {
    /// Adds one finished session to the counters of `day`.
    pub fn record_session(
        &mut self,
        day: Date,
        summary: &SessionSummary,
    ) -> Result<(), StoreError> {
        let day = day.to_julian_day();
        let tx = self.conn.transaction()?;
        bump(&tx, 0, day, summary.reason.code())?;
        for class in &summary.saved {
            bump(&tx, 1, day, &class_code(*class))?;
        }
        for failure in &summary.failures {
            bump(&tx, 2, day, failure.code())?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The counters of `day` (empty maps for a day without sessions).
    pub fn counters(&self, day: Date) -> Result<DayCounters, StoreError> {
        let day = day.to_julian_day();
        let mut maps: [BTreeMap<String, u64>; 3] = Default::default();
        for (map, (table, column)) in maps.iter_mut().zip(TABLES) {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT {column}, count FROM {table} WHERE day = ?1"
            ))?;
            let rows = stmt.query_map([day], |row| Ok((row.get(0)?, row.get(1)?)))?;
            for row in rows {
                let (code, count): (String, i64) = row?;
                map.insert(code, u64::try_from(count).unwrap_or(0));
            }
        }
        let [sessions, documents, failures] = maps;
        Ok(DayCounters {
            sessions,
            documents,
            failures,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_codes_match_the_scanner_cli() {
        assert_eq!(class_code(DocClass::IdentityCard), "identity_card");
        assert_eq!(class_code(DocClass::ProofOfAddress), "proof_of_address");
    }
}
