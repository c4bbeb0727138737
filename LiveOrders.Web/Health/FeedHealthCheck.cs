using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveOrders.Web.Health;

/// <summary>
/// The live feed between nodes. Today the feed is in-process (one node), which is always healthy. The cross-node feed
/// (LISTEN/NOTIFY) replaces this check's body here, reporting whether its listening connection is up and when it last
/// heard; its registration in <see cref="HealthEndpoint"/> stays as it is.
/// </summary>
public sealed class FeedHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(HealthCheckResult.Healthy("Лента событий внутри процесса (один узел).",
            new Dictionary<string, object> { ["transport"] = "in-process" }));
}
