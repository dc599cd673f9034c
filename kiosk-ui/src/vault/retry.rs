//! Retrying transient failures with exponential backoff and jitter, bounded in time.
//!
//! Networks at a village café drop out. An attempt that fails transiently (connection refused
//! or reset, a timeout, 5xx, 429) is retried after a delay that doubles each time up to a cap,
//! with "full jitter" (a random delay between half and all of it) so kiosks that lost the same
//! Wi-Fi do not hammer a server in step. A server's `Retry-After` is honoured. The whole loop
//! is bounded by a budget: when the next wait would end past it, the last failure is returned.
//! Permanent failures return at once. Cancellation interrupts both attempts and waits. When the
//! loop gives up, [`GaveUp`] says whether some attempt may have reached the server anyway (a
//! connection lost after the request was sent), so the caller can check before saying "not
//! saved".

use std::future::Future;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use super::DeliveryError;

/// When and how often to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The delay before the first retry.
    pub initial: Duration,
    /// The longest delay between two attempts.
    pub max_delay: Duration,
    /// The total time allowed, attempts and waits included.
    pub budget: Duration,
}

impl RetryPolicy {
    /// A policy with the usual delays (0.5 s doubling up to 8 s) and the given budget.
    pub fn with_budget(budget: Duration) -> Self {
        Self {
            initial: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            budget,
        }
    }

    /// The delay before retry number `retry` (0 for the first), jittered.
    pub fn delay(&self, retry: u32) -> Duration {
        let ceiling = self
            .initial
            .saturating_mul(1u32 << retry.min(16))
            .min(self.max_delay);
        let half = ceiling / 2;
        half + ceiling.saturating_sub(half).mul_f64(fastrand::f64())
    }
}

/// How one attempt failed.
#[derive(Debug)]
pub struct Failure {
    /// The error, as reported if no retry follows.
    pub error: DeliveryError,
    /// Whether another attempt may succeed.
    pub transient: bool,
    /// The delay the server asked for (`Retry-After`), if any.
    pub retry_after: Option<Duration>,
    /// Whether the request may have reached the server before failing (its effect is unknown).
    pub maybe_applied: bool,
}

impl Failure {
    /// A failure that no retry can fix.
    pub fn permanent(error: DeliveryError) -> Self {
        Self {
            error,
            transient: false,
            retry_after: None,
            maybe_applied: false,
        }
    }
}

/// The result of a successful retry loop.
#[derive(Debug)]
pub struct Succeeded<T> {
    /// What the successful attempt returned.
    pub value: T,
    /// Whether an earlier, failed attempt may nonetheless have reached the server.
    pub earlier_maybe_applied: bool,
    /// How many attempts were made.
    pub attempts: u32,
}

/// The result of a retry loop that gave up.
#[derive(Debug)]
pub struct GaveUp {
    /// The last failure's error (or [`DeliveryError::Cancelled`]).
    pub error: DeliveryError,
    /// Whether some attempt may nonetheless have reached the server.
    pub maybe_applied: bool,
}

impl From<GaveUp> for DeliveryError {
    fn from(gave_up: GaveUp) -> Self {
        gave_up.error
    }
}

/// Runs `attempt` until it succeeds, fails permanently, the budget runs out or `cancel` fires.
pub async fn run<T, F, Fut>(
    policy: &RetryPolicy,
    cancel: &CancellationToken,
    mut attempt: F,
) -> Result<Succeeded<T>, GaveUp>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Failure>>,
{
    let deadline = Instant::now() + policy.budget;
    let mut earlier_maybe_applied = false;
    let mut attempts = 0;
    let gave_up = |error, maybe_applied| GaveUp {
        error,
        maybe_applied,
    };
    loop {
        attempts += 1;
        let outcome = tokio::select! {
            biased;
            () = cancel.cancelled() => {
                return Err(gave_up(DeliveryError::Cancelled, earlier_maybe_applied));
            }
            outcome = attempt() => outcome,
        };
        let failure = match outcome {
            Ok(value) => {
                return Ok(Succeeded {
                    value,
                    earlier_maybe_applied,
                    attempts,
                });
            }
            Err(failure) => failure,
        };
        earlier_maybe_applied |= failure.maybe_applied;
        if !failure.transient {
            return Err(gave_up(failure.error, earlier_maybe_applied));
        }
        let wait = failure
            .retry_after
            .unwrap_or_else(|| policy.delay(attempts - 1));
        if Instant::now() + wait >= deadline {
            return Err(gave_up(failure.error, earlier_maybe_applied));
        }
        tokio::select! {
            biased;
            () = cancel.cancelled() => {
                return Err(gave_up(DeliveryError::Cancelled, earlier_maybe_applied));
            }
            () = tokio::time::sleep(wait) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn quick(budget_ms: u64) -> RetryPolicy {
        RetryPolicy {
            initial: Duration::from_millis(10),
            max_delay: Duration::from_millis(40),
            budget: Duration::from_millis(budget_ms),
        }
    }

    fn transient() -> Failure {
        Failure {
            error: DeliveryError::ServerError(503),
            transient: true,
            retry_after: None,
            maybe_applied: false,
        }
    }

    #[test]
    fn delays_double_up_to_the_cap_with_jitter() {
        let policy = RetryPolicy::with_budget(Duration::from_secs(60));
        for _ in 0..50 {
            let first = policy.delay(0);
            assert!(first >= Duration::from_millis(250) && first <= Duration::from_millis(500));
            let third = policy.delay(2);
            assert!(third >= Duration::from_secs(1) && third <= Duration::from_secs(2));
            let late = policy.delay(30);
            assert!(late >= Duration::from_secs(4) && late <= Duration::from_secs(8));
        }
    }

    #[tokio::test]
    async fn transient_failures_are_retried_until_success() {
        let calls = Cell::new(0);
        let result = run(&quick(5_000), &CancellationToken::new(), || {
            calls.set(calls.get() + 1);
            let n = calls.get();
            async move { if n < 3 { Err(transient()) } else { Ok(n) } }
        })
        .await
        .unwrap();
        assert_eq!((result.value, result.attempts), (3, 3));
        assert!(!result.earlier_maybe_applied);
    }

    #[tokio::test]
    async fn permanent_failures_stop_at_once() {
        let calls = Cell::new(0);
        let err = run(&quick(5_000), &CancellationToken::new(), || {
            calls.set(calls.get() + 1);
            async { Err::<(), _>(Failure::permanent(DeliveryError::VaultFull)) }
        })
        .await
        .unwrap_err()
        .error;
        assert!(matches!(err, DeliveryError::VaultFull));
        assert_eq!(calls.get(), 1);
    }

    #[tokio::test]
    async fn the_budget_bounds_the_loop() {
        let started = Instant::now();
        let err = run(&quick(200), &CancellationToken::new(), || async {
            Err::<(), _>(transient())
        })
        .await
        .unwrap_err()
        .error;
        assert!(matches!(err, DeliveryError::ServerError(503)));
        assert!(started.elapsed() < Duration::from_millis(400));
    }

    #[tokio::test]
    async fn a_retry_after_beyond_the_budget_gives_up_now() {
        let calls = Cell::new(0);
        let err = run(&quick(1_000), &CancellationToken::new(), || {
            calls.set(calls.get() + 1);
            async {
                Err::<(), _>(Failure {
                    retry_after: Some(Duration::from_secs(30)),
                    error: DeliveryError::RateLimited,
                    ..transient()
                })
            }
        })
        .await
        .unwrap_err()
        .error;
        assert!(matches!(err, DeliveryError::RateLimited));
        assert_eq!(calls.get(), 1);
    }

    #[tokio::test]
    async fn cancellation_interrupts_the_wait() {
        let cancel = CancellationToken::new();
        let calls = Cell::new(0);
        let err = run(&quick(60_000), &cancel, || {
            calls.set(calls.get() + 1);
            cancel.cancel();
            async { Err::<(), _>(transient()) }
        })
        .await
        .unwrap_err()
        .error;
        assert!(matches!(err, DeliveryError::Cancelled));
        assert_eq!(calls.get(), 1);
    }
}
