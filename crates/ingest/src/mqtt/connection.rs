//! How the MQTT listener reaches its broker: `mqtt://` (plain TCP) or `mqtts://` (TLS with
//! rustls, see [`crate::tls`]), with the user name and password of the configuration. The password
//! is a [`domain::secret::Secret`], so no log line or `Debug` output shows it, and it is never
//! sent over plain `mqtt://` unless the configuration says so explicitly: anyone on the path could
//! read it and then publish readings.

use std::sync::Arc;
use std::time::Duration;

use rumqttc::{ConnectReturnCode, ConnectionError, MqttOptions, TlsConfiguration, Transport};

use super::MqttSettings;

/// The broker's default port for plain MQTT.
const PLAIN_PORT: u16 = 1883;
/// The broker's default port for MQTT over TLS.
const TLS_PORT: u16 = 8883;

/// The client options `settings` describe, or why they describe none. (`MqttOptions`' own
/// `Debug` shows the password: never log them.)
pub(crate) fn options(settings: &MqttSettings) -> Result<MqttOptions, String> {
    settings.check()?;
    let url = url::Url::parse(&settings.url)
        .map_err(|error| format!("invalid MQTT URL {:?}: {error}", settings.url))?;
    let tls = match url.scheme() {
        "mqtt" | "tcp" => false,
        "mqtts" | "ssl" => true,
        _ => {
            return Err(format!(
                "MQTT URL must start with mqtts:// or mqtt:// (got {:?})",
                settings.url
            ));
        }
    };
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "put the MQTT user name and password in meter_data.mqtt.username and password, \
             not in the URL"
                .to_owned(),
        );
    }
    let host = url
        .host_str()
        .ok_or_else(|| format!("MQTT URL {:?} has no host", settings.url))?;
    // `Url` keeps the brackets of an IPv6 literal; the socket address wants it bare.
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port = url
        .port()
        .unwrap_or(if tls { TLS_PORT } else { PLAIN_PORT });
    let mut options = MqttOptions::new(&settings.client_id, host, port);
    options.set_keep_alive(Duration::from_secs(15));
    options.set_clean_session(true);
    options.set_max_packet_size(settings.packet_limit(), 64 * 1024);
    match (&settings.username, &settings.password) {
        (Some(username), password) => {
            if password.is_some() && !tls && !settings.allow_credentials_over_plain_mqtt {
                return Err(format!(
                    "refusing to send the MQTT password over plain mqtt:// to {host}; use \
                     mqtts://, or set meter_data.mqtt.allow_credentials_over_plain_mqtt = true \
                     for a broker on a trusted network"
                ));
            }
            let password = password.as_ref().map_or("", |secret| secret.expose());
            options.set_credentials(username, password);
        }
        (None, Some(_)) => {
            return Err("meter_data.mqtt.password is set without a username".to_owned());
        }
        (None, None) => {}
    }
    if tls {
        let config = crate::tls::client_config(settings.ca_file.as_deref())
            .map_err(|error| format!("MQTT over TLS: {error}"))?;
        options.set_transport(Transport::tls_with_config(TlsConfiguration::Rustls(
            Arc::new(config),
        )));
    }
    Ok(options)
}

/// What went wrong with the connection, in words staff can act on: a refusal by the broker says
/// which one (credentials, authorisation), other errors keep their cause.
pub(crate) fn describe(error: &ConnectionError) -> String {
    match error {
        ConnectionError::ConnectionRefused(code) => {
            let reason = match code {
                ConnectReturnCode::BadUserNamePassword => "bad user name or password",
                ConnectReturnCode::NotAuthorized => {
                    "not authorised (check meter_data.mqtt.username and password)"
                }
                ConnectReturnCode::BadClientId => "client id refused",
                ConnectReturnCode::RefusedProtocolVersion => "protocol version refused",
                ConnectReturnCode::ServiceUnavailable => "service unavailable",
                ConnectReturnCode::Success => "refused without a reason",
            };
            format!("the broker refused the connection: {reason}")
        }
        other => {
            let mut text = other.to_string();
            let mut cause = std::error::Error::source(other);
            while let Some(inner) = cause {
                text.push_str(": ");
                text.push_str(&inner.to_string());
                cause = inner.source();
            }
            text
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use domain::secret::Secret;

    use super::*;

    fn settings(url: &str) -> MqttSettings {
        MqttSettings {
            url: url.to_owned(),
            routes: vec![super::super::TopicRoute {
                filter: "powersave/readings/#".to_owned(),
                source_name: "mqtt".to_owned(),
            }],
            client_id: "test".to_owned(),
            source_name: "mqtt".to_owned(),
            max_message_bytes: MqttSettings::DEFAULT_MAX_MESSAGE_BYTES,
            username: Some("powersave".to_owned()),
            password: Some(Secret::new("broker-password")),
            ca_file: None,
            allow_credentials_over_plain_mqtt: false,
        }
    }

    #[test]
    fn a_password_over_plain_mqtt_is_refused_unless_allowed() {
        let error = options(&settings("mqtt://broker.internal:1883")).unwrap_err();
        assert_eq!(
            error,
            "refusing to send the MQTT password over plain mqtt:// to broker.internal; use \
             mqtts://, or set meter_data.mqtt.allow_credentials_over_plain_mqtt = true for a \
             broker on a trusted network"
        );
        let allowed = MqttSettings {
            allow_credentials_over_plain_mqtt: true,
            ..settings("mqtt://broker.internal:1883")
        };
        let options = options(&allowed).unwrap();
        let login = options.credentials().unwrap();
        assert_eq!(
            (login.username.as_str(), login.password.as_str()),
            ("powersave", "broker-password")
        );
        assert_eq!(
            options.broker_address(),
            ("broker.internal".to_owned(), 1883)
        );
    }

    #[test]
    fn mqtts_defaults_to_port_8883_over_tls() {
        let options = options(&settings("mqtts://broker.internal")).unwrap();
        assert_eq!(
            options.broker_address(),
            ("broker.internal".to_owned(), 8883)
        );
        assert!(matches!(options.transport(), Transport::Tls(_)));
        let plain = MqttSettings {
            username: None,
            password: None,
            ..settings("mqtt://broker.internal")
        };
        let options = super::options(&plain).unwrap();
        assert_eq!(
            options.broker_address(),
            ("broker.internal".to_owned(), 1883)
        );
        assert!(matches!(options.transport(), Transport::Tcp));
    }

    #[test]
    fn credentials_in_the_url_and_other_schemes_are_refused() {
        let error = options(&settings("mqtts://user:pw@broker.internal")).unwrap_err();
        assert!(
            error.starts_with("put the MQTT user name and password in"),
            "{error}"
        );
        let error = options(&settings("ws://broker.internal")).unwrap_err();
        assert_eq!(
            error,
            "MQTT URL must start with mqtts:// or mqtt:// (got \"ws://broker.internal\")"
        );
    }

    #[test]
    fn the_password_never_prints() {
        let printed = format!("{:?}", settings("mqtts://broker.internal"));
        assert!(!printed.contains("broker-password"), "{printed}");
    }
}
