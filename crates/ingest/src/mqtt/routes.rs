//! Which data source a message belongs to: each configured topic filter names one source, and a
//! message is attributed to the first filter (in configuration order) that its topic matches.
//! The broker decides who may publish on which topic (its ACLs), so the topic is what proves
//! where a reading came from; the payload never names its own source.

/// One topic filter and the data source whose readings are published under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRoute {
    /// MQTT topic filter, e.g. `powersave/readings/eac/#`.
    pub filter: String,
    /// Data source the readings on matching topics are counted against.
    pub source_name: String,
}

/// Checks a filter as the MQTT specification defines it: not empty, `#` only as the whole last
/// level, `+` only as a whole level, no NUL.
pub fn valid_filter(filter: &str) -> bool {
    if filter.is_empty() || filter.contains('\0') {
        return false;
    }
    let levels: Vec<&str> = filter.split('/').collect();
    let last = levels.len() - 1;
    levels
        .iter()
        .enumerate()
        .all(|(index, level)| match *level {
            "#" => index == last,
            "+" => true,
            other => !other.contains(['#', '+']),
        })
}

/// Whether `topic` matches `filter` (MQTT 3.1.1 §4.7): `+` matches one level, a final `#` the
/// parent level and everything below it, and topics starting with `$` match no filter that
/// starts with a wildcard. Works on whole levels only, so any text is safe to pass.
pub fn topic_matches(topic: &str, filter: &str) -> bool {
    if topic.starts_with('$') && filter.starts_with(['+', '#']) {
        return false;
    }
    let mut topic_levels = topic.split('/');
    for level in filter.split('/') {
        if level == "#" {
            return true;
        }
        match topic_levels.next() {
            Some(name) if level == "+" || level == name => {}
            _ => return false,
        }
    }
    topic_levels.next().is_none()
}

/// The index of the route a message on `topic` belongs to.
pub(super) fn route_of(routes: &[TopicRoute], topic: &str) -> Option<usize> {
    routes
        .iter()
        .position(|route| topic_matches(topic, &route.filter))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn filters_match_as_the_specification_says() {
        let cases = [
            ("powersave/readings/eac/1", "powersave/readings/eac/#", true),
            ("powersave/readings/eac", "powersave/readings/eac/#", true),
            (
                "powersave/readings/other/1",
                "powersave/readings/eac/#",
                false,
            ),
            ("powersave/readings/eac/1", "powersave/readings/+/1", true),
            (
                "powersave/readings/eac/1/x",
                "powersave/readings/+/1",
                false,
            ),
            ("powersave/readings", "powersave/readings/+", false),
            ("a/b", "a/b", true),
            ("a/b", "a/b/c", false),
            ("$SYS/broker", "#", false),
            ("$SYS/broker", "$SYS/#", true),
        ];
        for (topic, filter, expected) in cases {
            assert_eq!(topic_matches(topic, filter), expected, "{topic} ~ {filter}");
        }
    }

    #[test]
    fn the_first_matching_route_wins() {
        let route = |filter: &str, source_name: &str| TopicRoute {
            filter: filter.to_owned(),
            source_name: source_name.to_owned(),
        };
        let routes = [
            route("readings/eac/#", "eac"),
            route("readings/#", "others"),
        ];
        assert_eq!(route_of(&routes, "readings/eac/7"), Some(0));
        assert_eq!(route_of(&routes, "readings/coop/7"), Some(1));
        assert_eq!(route_of(&routes, "elsewhere/7"), None);
    }

    #[test]
    fn filters_are_checked() {
        for good in ["#", "+", "a/+/b", "a/#", "a/b", "+/+/#"] {
            assert!(valid_filter(good), "{good}");
        }
        for bad in ["", "a/#/b", "a#", "a/b+", "#/a", "a\0b"] {
            assert!(!valid_filter(bad), "{bad:?}");
        }
    }

    proptest! {
        /// Topics come from publishers: any text, multi-byte characters included, is matched
        /// without a panic, and a topic always matches itself as a filter when it has no
        /// wildcard characters.
        #[test]
        fn any_topic_is_safe_to_match(topic in "\\PC{0,40}", filter in "[a-zé+#/$]{0,12}") {
            let _ = topic_matches(&topic, &filter);
            if !topic.contains(['+', '#']) && !topic.is_empty() {
                prop_assert!(topic_matches(&topic, &topic));
            }
        }
    }
}
