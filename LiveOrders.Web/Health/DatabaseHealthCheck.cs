using LiveOrders.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveOrders.Web.Health;

/// <summary>
/// The database answers a query on the app's own tables (opening a connection is not enough: a SQLite file that vanished
/// opens as a new, empty one). The cause of a failure goes to the log, never into the answer: it may name hosts or paths.
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<LiveOrdersDbContext> dbFactory, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Departments.Select(d => d.Id).FirstOrDefaultAsync(ct);
            return HealthCheckResult.Healthy("База данных отвечает.");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Health: the database does not answer");
            return new HealthCheckResult(context.Registration.FailureStatus, "База данных не отвечает.");
        }
    }
}
