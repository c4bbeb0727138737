using System.Collections.Concurrent;
using LiveOrders.Core.Live;

namespace LiveOrders.Web.Live;

/// <summary>
/// For the latency benchmark (bench/live-latency): the wall-clock instant each change was published,
/// right after its commit. Only wired in when Diagnostics:LiveTimings is true; off by default.
/// </summary>
public sealed class TimedLiveFeed(InProcessLiveFeed inner) : ILiveFeed
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

    public IEnumerable<PublishedAt> Of(int orderId) => _recent.Where(p => p.OrderId == orderId);

    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue("Diagnostics:LiveTimings", false)) return;
        services.AddSingleton<InProcessLiveFeed>();
        services.AddSingleton<TimedLiveFeed>();
        services.AddSingleton<ILiveFeed>(sp => sp.GetRequiredService<TimedLiveFeed>());
    }

    public static void Map(WebApplication app)
    {
        if (app.Services.GetService<TimedLiveFeed>() is not { } timings) return;
        app.MapGet("/diagnostics/live-timings/{orderId:int}", (int orderId) => Results.Ok(timings.Of(orderId)))
            .RequireAuthorization();
    }
}
