//! The error answers every route shares, documented once and referenced from each operation
//! they apply to, so clients and schema fuzzers expect exactly what the server sends.
//!
//! Handlers document the answers that are theirs (404, 409, a 422 with their rules). The ones
//! that come from the shared extractors and layers are added here from the operation's shape:
//! any route can be rate limited (429); a secured one refuses a missing or bad token (401), and
//! a staff one a caller without the role (403); a path or query parameter that does not parse
//! is a 400, and query parameters are validated (422); a JSON body can be malformed (400), too
//! large (413), of another media type (415) or of the wrong shape (422).

use utoipa::Modify;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{Content, Ref, RefOr, Response, ResponseBuilder};

/// The shared answers: the component name, the status and what it means.
const SHARED: &[(&str, &str, &str)] = &[
    (
        "BadRequest",
        "400",
        "Malformed request: a path or query parameter that does not parse, an unknown query \
         parameter, or a body that is not valid JSON",
    ),
    ("Unauthorized", "401", "No valid credentials were presented"),
    (
        "Forbidden",
        "403",
        "The caller is signed in but its role may not do this",
    ),
    (
        "PayloadTooLarge",
        "413",
        "The body is larger than the limit",
    ),
    (
        "UnsupportedMediaType",
        "415",
        "The body is not of a media type this operation accepts",
    ),
    (
        "Unprocessable",
        "422",
        "The request is well-formed but a field or parameter is invalid",
    ),
    (
        "TooManyRequests",
        "429",
        "Rate limited; `Retry-After` says when to try again",
    ),
];

/// Adds the shared answers to `components.responses` and to every operation they apply to.
pub(crate) struct SharedErrors;

impl Modify for SharedErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for (name, _, description) in SHARED {
            components
                .responses
                .insert((*name).to_owned(), RefOr::T(problem(description)));
        }
        for (path, item) in &mut openapi.paths.paths {
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                for code in applicable(path, operation) {
                    if let Some((name, _, _)) = SHARED.iter().find(|(_, c, _)| *c == code) {
                        operation
                            .responses
                            .responses
                            .entry(code.to_owned())
                            .or_insert_with(|| {
                                RefOr::Ref(Ref::new(format!("#/components/responses/{name}")))
                            });
                    }
                }
            }
        }
    }
}

/// The shared status codes that `operation` on `path` can answer with.
fn applicable(path: &str, operation: &Operation) -> Vec<&'static str> {
    let parameters = operation.parameters.as_deref().unwrap_or_default();
    let has = |place: ParameterIn| {
        parameters
            .iter()
            .any(|parameter| parameter.parameter_in == place)
    };
    let secured = operation
        .security
        .as_ref()
        .is_some_and(|requirements| !requirements.is_empty());
    let json_body = operation
        .request_body
        .as_ref()
        .is_some_and(|body| body.content.contains_key("application/json"));
    let mut codes = vec!["429"];
    if secured {
        codes.push("401");
        if path.starts_with("/api/v1/admin/") {
            codes.push("403");
        }
    }
    if has(ParameterIn::Path) || has(ParameterIn::Query) || json_body {
        codes.push("400");
    }
    if has(ParameterIn::Query) || json_body {
        codes.push("422");
    }
    if json_body {
        codes.extend(["413", "415"]);
    }
    codes
}

fn problem(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            crate::error::PROBLEM_JSON,
            Content::new(Some(Ref::from_schema_name("Problem"))),
        )
        .build()
}
