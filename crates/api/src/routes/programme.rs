//! Public facts about the programme that clients need for their forms.

use axum::Json;
use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::dto::ProgrammeResponse;

/// `/programme`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(programme))
}

/// Time zone, districts and the default tariff.
#[utoipa::path(get, path = "/programme", tag = "programme", responses((status = 200, body = ProgrammeResponse)))]
async fn programme(State(state): State<AppState>) -> Json<ProgrammeResponse> {
    let programme = &state.settings.programme;
    Json(ProgrammeResponse {
        time_zone: programme.time_zone.name().to_owned(),
        districts: programme.districts.clone(),
        default_tariff_code: programme.default_tariff_code.as_str().to_owned(),
    })
}
