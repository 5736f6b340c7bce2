//! Authentication: tokens, passwords and the extractors that turn a bearer token into a typed,
//! role-checked caller.

pub mod extract;
pub mod password;
pub mod throttle;
pub mod tokens;
