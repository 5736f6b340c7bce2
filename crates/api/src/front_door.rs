//! The server's own HTML pages: the front door at `/`, which leads a visitor to the household
//! app, the staff dashboard and the API docs (and, on a demo server, names the accounts to sign
//! in with), and the friendly "not found" page for unknown paths outside `/api`. Both come from
//! one template, so the links cannot differ between them; the CSS is inline, so they need no
//! asset and no build.

use std::sync::Arc;

use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};

use crate::error::ApiError;

/// An account a demo server invites visitors to sign in with, as its start-up banner prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    /// What the account is for ("consumer", "admin", …).
    pub role: String,
    /// Sign-in e-mail.
    pub email: String,
    /// Its password: demo accounts' passwords are public by design.
    pub password: String,
}

/// Which front ends this server has built copies of; a link to one that is missing says so.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FrontEnds {
    /// The household app at `/app/`.
    pub app: bool,
    /// The staff dashboard at `/admin/`.
    pub admin: bool,
}

/// What the front door shows: the front ends that are there and the demo accounts.
#[derive(Debug, Clone, Default)]
pub(crate) struct FrontDoor {
    /// Which links lead to a built front end.
    pub front_ends: FrontEnds,
    /// Listed on the front door only, not on the 404 page.
    pub demo_accounts: Vec<DemoAccount>,
}

/// `GET /`.
pub(crate) async fn home(door: Arc<FrontDoor>) -> Html<String> {
    Html(page(
        "PowerSave",
        "Saving Sessions for households: use less when the grid is stressed, earn Green Points.",
        &door,
        true,
    ))
}

/// Every path no route matched: problem+json under `/api`, where clients expect it, and a page
/// with the way on everywhere else, where a person typed or followed a link.
pub(crate) async fn not_found(door: Arc<FrontDoor>, uri: Uri) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        return ApiError::NotFound("no such resource".to_owned()).into_response();
    }
    let body = page(
        "Page not found",
        &format!(
            "There is no page at {}. These are the ways in:",
            escape(path)
        ),
        &door,
        false,
    );
    (StatusCode::NOT_FOUND, Html(body)).into_response()
}

/// The whole page: heading, lead text, the three ways in and, on the front door of a demo
/// server, the demo accounts.
fn page(title: &str, lead: &str, door: &FrontDoor, with_accounts: bool) -> String {
    let missing = |built: bool| {
        if built {
            ""
        } else {
            " <small>(not built on this server: <code>make run</code> builds it)</small>"
        }
    };
    let links = [
        (
            "/app/",
            "Household app",
            "Join Saving Sessions, follow them live, see your results and Green Points.",
            missing(door.front_ends.app),
        ),
        (
            "/admin/",
            "Staff dashboard",
            "Plan sessions, watch them live, read results, manage users and meter data.",
            missing(door.front_ends.admin),
        ),
        (
            "/api/docs",
            "API documentation",
            "The HTTP API under /api/v1, described by OpenAPI 3.1, to try in the browser.",
            "",
        ),
    ]
    .map(|(href, name, what, note)| {
        format!("<li><a href=\"{href}\">{name}</a>{note}<p>{what}</p></li>")
    })
    .join("\n      ");
    let accounts = if with_accounts && !door.demo_accounts.is_empty() {
        demo_accounts(&door.demo_accounts)
    } else {
        String::new()
    };
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
  <style>{STYLE}</style>
</head>
<body>
  <main>
    <h1>{title}</h1>
    <p class="lead">{lead}</p>
    <nav aria-label="Ways in">
      <h2>Where to go</h2>
      <ul>
      {links}
      </ul>
    </nav>{accounts}
  </main>
</body>
</html>
"#
    )
}

/// The demo accounts as a table, each with its password.
fn demo_accounts(accounts: &[DemoAccount]) -> String {
    let rows = accounts
        .iter()
        .map(|account| {
            format!(
                "<tr><td>{}</td><td><code>{}</code></td><td><code>{}</code></td></tr>",
                escape(&account.role),
                escape(&account.email),
                escape(&account.password)
            )
        })
        .collect::<Vec<_>>()
        .join("\n          ");
    format!(
        r#"
    <section aria-labelledby="demo-accounts">
      <h2 id="demo-accounts">Demo accounts</h2>
      <p>This server runs the demo programme. Sign in with:</p>
      <table>
        <caption>Demo accounts</caption>
        <thead><tr><th scope="col">Account</th><th scope="col">E-mail</th><th scope="col">Password</th></tr></thead>
        <tbody>
          {rows}
        </tbody>
      </table>
    </section>"#
    )
}

/// The CSP source that allows the pages' one inline stylesheet and nothing else inline:
/// `sha256-` and the base64 of the SHA-256 of its text.
pub(crate) fn style_source() -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(STYLE.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Text made safe to place in HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
  :root { color-scheme: light dark; --green: #1f7a4d; --ink: #1b2420; --muted: #56615b; --line: #d5ddd8; --bg: #f6f8f6; --card: #fff; }
  @media (prefers-color-scheme: dark) { :root { --green: #6fcf97; --ink: #e8eeea; --muted: #a9b5ae; --line: #34403a; --bg: #121714; --card: #1a211d; } }
  * { box-sizing: border-box; }
  body { margin: 0; background: var(--bg); color: var(--ink); font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
  main { max-width: 44rem; margin: 0 auto; padding: 2.5rem 1.25rem 3rem; }
  h1 { margin: 0 0 .5rem; font-size: 2rem; color: var(--green); }
  h2 { font-size: 1.15rem; margin: 2rem 0 .75rem; }
  .lead { margin: 0; color: var(--muted); font-size: 1.1rem; }
  ul { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }
  li { background: var(--card); border: 1px solid var(--line); border-radius: .75rem; padding: 1rem 1.25rem; }
  li a { font-weight: 700; font-size: 1.1rem; color: var(--green); }
  li p { margin: .25rem 0 0; color: var(--muted); }
  small { color: var(--muted); }
  table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: .75rem; overflow: hidden; }
  caption { text-align: left; color: var(--muted); padding-bottom: .5rem; }
  th, td { text-align: left; padding: .5rem .75rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  tbody tr:last-child td { border-bottom: 0; }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; word-break: break-all; }
  a:focus-visible { outline: 3px solid var(--green); outline-offset: 2px; }
";

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_text_is_shown_not_interpreted() {
        assert_eq!(
            escape("<a href=\"x\">Tom & 'Jerry'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
    }
}
