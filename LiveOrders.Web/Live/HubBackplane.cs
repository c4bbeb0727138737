using LiveOrders.Core.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace LiveOrders.Web.Live;

/// <summary>
/// The SignalR Redis backplane for <see cref="OrdersHub"/> when <c>Redis:Configuration</c> is set (a StackExchange.Redis
/// configuration string, e.g. <c>127.0.0.1:6379</c>); without it the hub stays in-process, as on one node.
/// Only this hub: <c>AddStackExchangeRedis()</c> would put every hub on Redis, Blazor's own circuit hub too, where a
/// Redis outage would then stop every page from connecting, for nothing — a circuit lives on one node.
/// </summary>
public static class HubBackplane
{
    public const string Setting = "Redis:Configuration";

    public static void AddHubBackplane(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[Setting] is not { Length: > 0 } setting) return;
        var options = ConfigurationOptions.Parse(setting);
        // Keys and channels of this app apart from anything else on the same server.
        options.ChannelPrefix = RedisChannel.Literal("liveorders");
        // One multiplexer for the backplane and the viewers' list; it reconnects by itself after a Redis restart.
        options.AbortOnConnectFail = false;
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        services.AddOptions<RedisOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            o.Configuration = options;
            o.ConnectionFactory = _ => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
        });
        // A closed registration wins over AddSignalR's open generic one for this hub alone.
        services.AddSingleton<HubLifetimeManager<OrdersHub>, RedisHubLifetimeManager<OrdersHub>>();
        services.AddSingleton<HubViewers>();

        // Whatever feed the app has (in-process, or across nodes), wrapped so that its publishes also go to the hub.
        var feed = services.LastOrDefault(d => d.ServiceType == typeof(ILiveFeed))
            ?? throw new InvalidOperationException("The live feed must be registered before the hub's backplane.");
        services.Remove(feed);
        services.AddSingleton<ILiveFeed>(sp => new HubForwardingFeed(Create(sp, feed), sp.GetRequiredService<HubViewers>()));
    }

    private static ILiveFeed Create(IServiceProvider sp, ServiceDescriptor feed) => (ILiveFeed)(
        feed.ImplementationInstance
        ?? feed.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.GetServiceOrCreateInstance(sp, feed.ImplementationType!));
}
