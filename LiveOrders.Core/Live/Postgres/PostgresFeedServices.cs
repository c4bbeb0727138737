using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Live.Postgres;

public static class PostgresFeedServices
{
    /// <summary>
    /// The live feed and the cross-node state over PostgreSQL (<c>Database:Provider</c> = PostgreSQL). Register before the
    /// background services that publish, so the feed is listening before they start.
    /// </summary>
    public static IServiceCollection AddPostgresLiveFeed(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.Configure<PostgresFeedOptions>(configuration.GetSection("LiveFeed"));
        services.AddSingleton<InProcessLiveFeed>();
        services.AddSingleton(sp => new PostgresLiveFeed(connectionString, sp.GetRequiredService<InProcessLiveFeed>(),
            sp.GetRequiredService<IOptions<PostgresFeedOptions>>().Value, TimeProvider.System, sp.GetRequiredService<ILogger<PostgresLiveFeed>>()));
        services.AddSingleton<ILiveFeed>(sp => sp.GetRequiredService<PostgresLiveFeed>());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ClusterRelay>(sp,
            sp.GetRequiredService<IOptions<PostgresFeedOptions>>().Value, TimeProvider.System));
        services.AddHostedService<ClusterHost>();
        return services;
    }

    /// <summary>Starts the relay (its handlers must be in place before the first row arrives), then the feed; says goodbye on stop.</summary>
    private sealed class ClusterHost(ClusterRelay relay, PostgresLiveFeed feed) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => feed.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken)
        {
            relay.Leave();
            return feed.StopAsync(cancellationToken);
        }
    }
}
