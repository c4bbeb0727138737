using LiveOrders.Core.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveOrders.Core.Backups;

/// <summary>
/// The daily copy at <see cref="BackupOptions.Daily"/> (municipal time), on the injected clock so tests drive it.
/// Does nothing when no time is set.
/// </summary>
public sealed class DailyBackup(DatabaseBackups backups, MunicipalTime time, ILogger<DailyBackup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (backups.Daily is not { } at) return;
        // PostgreSQL is copied with its own tools (pg_dump): nothing to do here, rather than a failure every day.
        if (!await backups.SupportedAsync(stoppingToken)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = NextRun(time.LocalNow, at) - time.LocalNow;
            try
            {
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time.Clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var result = await backups.TakeAsSystemAsync(ct: stoppingToken);
            if (!result.Ok) log.LogError("The daily backup failed: {Message}", result.Message);
        }
    }

    /// <summary>The next local instant at <paramref name="at"/> strictly after <paramref name="now"/>.</summary>
    public static DateTime NextRun(DateTime now, TimeOnly at)
    {
        var today = now.Date + at.ToTimeSpan();
        return today > now ? today : today.AddDays(1);
    }
}
