//! The distinct agencies of a document and how many tasks each leads and
//! supports.

use std::rc::Rc;

use crate::memo::Texts;
use crate::schema::{Agency, Task, Unit};
use rustc_hash::FxHashMap;

/// Aggregates the leads and supporters of `tasks` by canonical name, in
/// order of first appearance.
pub(crate) fn units(tasks: &[Task], texts: &Texts<'_>) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut index: FxHashMap<Rc<str>, usize> = FxHashMap::default();
    // The units a task has counted, in each role; one buffer for all.
    let mut counted: Vec<(usize, bool)> = Vec::new();
    for task in tasks {
        counted.clear();
        for (agencies, leads) in [(&task.lead, true), (&task.support, false)] {
            for agency in agencies {
                let position = entry(&mut units, &mut index, texts.name_key(&agency.name), agency);
                let unit = &mut units[position];
                if !unit.spellings.contains(&agency.raw) {
                    unit.spellings.push(agency.raw.clone());
                }
                // A task counts once per agency and role.
                if !counted.contains(&(position, leads)) {
                    counted.push((position, leads));
                    if leads {
                        unit.leads += 1;
                    } else {
                        unit.supports += 1;
                    }
                }
            }
        }
    }
    units
}

fn entry(
    units: &mut Vec<Unit>,
    index: &mut FxHashMap<Rc<str>, usize>,
    key: Rc<str>,
    agency: &Agency,
) -> usize {
    *index.entry(key).or_insert_with(|| {
        units.push(Unit {
            name: agency.name.clone(),
            kind: agency.kind.clone(),
            level: agency.level.clone(),
            group: agency.group,
            leads: 0,
            supports: 0,
            spellings: Vec::new(),
        });
        units.len() - 1
    })
}
