using System.Collections.Concurrent;
using LiveOrders.Core.Data;
using LiveOrders.Core.Live;
using LiveOrders.Core.Live.Postgres;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace LiveOrders.Web.Live;

/// <summary>
/// For the benchmarks (bench/live-latency): the wall-clock instant each change was published, right
/// after its commit, and the server's memory and open circuits. Only wired in when
/// Diagnostics:LiveTimings is true; off by default, not part of the product.
/// </summary>
public sealed class TimedLiveFeed(ILiveFeed inner) : ILiveFeed
{
    private const int Keep = 10_000;
    private readonly ConcurrentQueue<PublishedAt> _recent = new();

    public sealed record PublishedAt(int OrderId, int Version, string Kind, double UnixMs);

    public void Publish(OrderChanged change)
    {
        _recent.Enqueue(new PublishedAt(change.OrderId, change.Version, change.Kind.ToString(),
            (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds));
        while (_recent.Count > Keep) _recent.TryDequeue(out _);
        inner.Publish(change);
    }

    public IDisposable Subscribe(Func<OrderChanged, bool> filter, Func<OrderChanged, Task> handler) => inner.Subscribe(filter, handler);

    public bool RecordsInTransaction => inner.RecordsInTransaction;

    public ValueTask RecordAsync(Microsoft.EntityFrameworkCore.DbContext db, OrderChanged change, CancellationToken ct) =>
        inner.RecordAsync(db, change, ct);

    public IEnumerable<PublishedAt> Of(int orderId) => _recent.Where(p => p.OrderId == orderId);

    /// <summary>Every change published after <paramref name="unixMs"/> that is still kept, oldest first.</summary>
    public IEnumerable<PublishedAt> Since(double unixMs) => _recent.Where(p => p.UnixMs > unixMs);

    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue("Diagnostics:LiveTimings", false)) return;
        // Timing whichever feed the app would have: across nodes on PostgreSQL (the core then adds no feed of its own).
        if (DatabaseProviders.Of(configuration) == DatabaseProvider.PostgreSql)
        {
            services.AddPostgresLiveFeed(configuration, configuration.GetConnectionString("LiveOrders")
                ?? throw new InvalidOperationException("ConnectionStrings:LiveOrders is not set in appsettings.json."));
            services.AddSingleton(sp => new TimedLiveFeed(sp.GetRequiredService<PostgresLiveFeed>()));
        }
        else
        {
            services.AddSingleton<InProcessLiveFeed>();
            services.AddSingleton(sp => new TimedLiveFeed(sp.GetRequiredService<InProcessLiveFeed>()));
        }
        services.AddSingleton<ILiveFeed>(sp => sp.GetRequiredService<TimedLiveFeed>());
        services.AddSingleton<CircuitCounter>();
        services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
    }

    public static void Map(WebApplication app)
    {
        if (app.Services.GetService<TimedLiveFeed>() is not { } timings) return;
        app.MapGet("/diagnostics/live-timings/{orderId:int}", (int orderId) => Results.Ok(timings.Of(orderId)))
            .RequireAuthorization();
        // All at once, for a long run (bench/soak) that would otherwise ask once per order.
        app.MapGet("/diagnostics/live-timings", (double? since) => Results.Ok(timings.Since(since ?? 0)))
            .RequireAuthorization();
        // The managed heap after a full, compacting collection: what the open circuits really hold,
        // unlike the process's resident memory, which keeps freed pages.
        app.MapGet("/diagnostics/memory", (CircuitCounter circuits, ILiveFeed feed) =>
        {
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            return Results.Ok(new
            {
                managedBytes = GC.GetTotalMemory(forceFullCollection: false),
                circuits = circuits.Open,
                feedSubscribers = (feed as TimedLiveFeed ?? (feed as HubForwardingFeed)?.Inner as TimedLiveFeed)?.Subscribers ?? 0,
            });
        }).RequireAuthorization();
    }

    internal int Subscribers => inner switch
    {
        InProcessLiveFeed local => local.SubscriberCount,
        PostgresLiveFeed cluster => cluster.SubscriberCount,
        _ => 0,
    };
}
