using LiveOrders.Core.Control;
using LiveOrders.Core.Data;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Demo;
using LiveOrders.Core.Live;
using LiveOrders.Core.Live.Postgres;
using LiveOrders.Core.Mail;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveOrders.Core;

public static class LiveOrdersCoreServices
{
    /// <summary>
    /// The domain's services, wired once for the app and for the tests alike: data, time, the live
    /// feed, the use cases and queries, deadlines, notifications and mail. A host that wants another
    /// clock, feed or database registers its own <see cref="TimeProvider"/>, <see cref="ILiveFeed"/>
    /// or <see cref="IDbContextFactory{TContext}"/> first; these defaults then stand back.
    /// </summary>
    public static IServiceCollection AddLiveOrdersCore(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = DatabaseProviders.Of(configuration);
        SqliteThreads.Reserve();
        if (!services.Any(d => d.ServiceType == typeof(IDbContextFactory<LiveOrdersDbContext>)))
        {
            var connectionString = configuration.GetConnectionString("LiveOrders")
                ?? throw new InvalidOperationException("ConnectionStrings:LiveOrders is not set in appsettings.json.");
            services.AddDbContextFactory<LiveOrdersDbContext>((sp, o) =>
                o.UseLiveOrdersDatabase(provider, connectionString).UseMunicipalZone(sp.GetRequiredService<MunicipalTime>().Zone));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new MunicipalTime(
            sp.GetRequiredService<TimeProvider>(),
            MunicipalTime.FindZone(configuration["Municipality:TimeZone"])));
        // Across nodes when the data is in PostgreSQL (unless the host brought its own feed); in this process otherwise.
        if (DatabaseProviders.Of(configuration) == DatabaseProvider.PostgreSql && !services.Any(d => d.ServiceType == typeof(ILiveFeed)))
            services.AddPostgresLiveFeed(configuration, configuration.GetConnectionString("LiveOrders")
                ?? throw new InvalidOperationException("ConnectionStrings:LiveOrders is not set in appsettings.json."));
        services.TryAddSingleton<ILiveFeed, InProcessLiveFeed>();
        services.AddSingleton<Presence>();

        services.AddSingleton<Calendar.StoredCalendarSource>();
        services.TryAddSingleton<Calendar.IWorkingCalendarSource>(sp => sp.GetRequiredService<Calendar.StoredCalendarSource>());
        services.AddSingleton<Calendar.ProductionCalendar>();
        services.AddSingleton<OrderTypes>();
        services.AddSingleton<ActorDirectory>();
        services.AddSingleton<StructureChanges>();
        services.AddSingleton<DepartmentAdministration>();
        services.AddSingleton<PeopleAdministration>();
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<Audit.AuditExports>();
        services.AddSingleton<Audit.SignInJournal>();
        services.AddSingleton<Organization.Import.StructureImport>();
        services.AddSingleton<OrderService>();
        services.AddSingleton<OrderQueries>();
        services.AddSingleton<LiveOrders.Core.Exports.OrderExports>();
        services.AddSingleton<OrderReadLog>();
        services.AddSingleton<Delays.DelayReasons>();
        services.AddSingleton<NotificationInbox>();
        services.AddSingleton<ControlQueries>();
        services.AddSingleton<Reports.ReportQueries>();
        services.AddSingleton<Reports.DisciplineReports>();
        services.AddSingleton<Reports.ReportTrendQueries>();
        services.AddSingleton<LiveOrders.Core.Exports.ReportExports>();
        services.AddSingleton<LiveOrders.Core.Exports.ControlExports>();
        services.AddSingleton<LiveOrders.Core.Exports.ReadLogExports>();
        services.AddSingleton<LiveOrders.Core.Exports.PeopleExports>();
        services.AddSingleton<Reports.FigureOrdersExports>();
        services.AddSingleton<DisplayLinks>();
        services.AddSingleton<Integrations.ApiKeys>();
        services.AddScoped<DemoMunicipality>();

        services.Configure<Ldap.DirectoryOptions>(configuration.GetSection("Directory"));
        services.AddSingleton<Ldap.LdapDirectory>();
        services.AddSingleton<Ldap.DirectorySignIn>();

        services.Configure<DeadlineOptions>(configuration.GetSection("Deadlines"));
        services.AddSingleton<DeadlineRules>();
        services.AddSingleton<DeadlineWatcher>();
        services.AddHostedService<Cluster.ClusterJob<DeadlineWatcher>>();

        services.Configure<Templates.RecurringOptions>(configuration.GetSection("RecurringOrders"));
        services.AddSingleton<Templates.OrderTemplates>();
        services.AddSingleton<Templates.TemplateChanges>();
        services.AddSingleton<Templates.RecurringOrderIssuer>();
        services.AddHostedService<Cluster.ClusterJob<Templates.RecurringOrderIssuer>>();
        services.Configure<Attachments.AttachmentOptions>(configuration.GetSection("Attachments"));
        // A relative storage path is under the app's content root (the host's "contentRoot" setting), never under wwwroot.
        services.TryAddSingleton(sp => new Attachments.AttachmentStore(Path.Combine(
            configuration["contentRoot"] ?? Directory.GetCurrentDirectory(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Attachments.AttachmentOptions>>().Value.StoragePath)));
        services.AddSingleton<Attachments.AttachmentService>();
        // Per node, not leased: it clears this node's own tmp/ folder once at start (harmless twice on shared storage).
        services.AddHostedService<Attachments.AbandonedUploadSweep>();

        services.Configure<MailOptions>(configuration.GetSection("Mail"));
        services.AddSingleton<NotificationWriter>();
        services.AddSingleton<NotificationPreferences>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService<Cluster.ClusterJob<OutboxSender>>();
        services.Configure<Webhooks.WebhookOptions>(configuration.GetSection("Webhooks"));
        services.AddSingleton<Webhooks.WebhookSubscriptions>();
        services.AddSingleton<Webhooks.WebhookActivity>();
        services.Configure<Backups.BackupOptions>(configuration.GetSection("Backups"));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<Backups.DatabaseBackups>(sp,
            configuration["contentRoot"] ?? Directory.GetCurrentDirectory()));
        // Not leased: the online copy exists only on SQLite, which is one node; on PostgreSQL it stands back (pg_dump).
        services.AddHostedService<Backups.DailyBackup>();
        services.AddSingleton<Webhooks.WebhookSender>();
        services.AddHostedService<Cluster.ClusterJob<Webhooks.WebhookSender>>();
        services.AddClusterLock(configuration);
        return services;
    }

    /// <summary>
    /// The leases that keep one of each background job across the cluster (<see cref="Cluster.ClusterJob{TJob}"/>):
    /// PostgreSQL advisory locks when the database is shared, always held on SQLite.
    /// </summary>
    private static void AddClusterLock(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<Cluster.IClusterLock>(sp => DatabaseProviders.Of(configuration) == DatabaseProvider.PostgreSql
            ? new Cluster.PostgresClusterLock(
                configuration.GetConnectionString("LiveOrders")
                    ?? throw new InvalidOperationException("ConnectionStrings:LiveOrders is not set in appsettings.json."),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Cluster.PostgresClusterLock>>())
            : new Cluster.SingleNodeLock());
    }
}
