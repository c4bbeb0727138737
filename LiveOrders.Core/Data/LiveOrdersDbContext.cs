using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LiveOrders.Core.Data;

/// <summary>The unit of work. Used through <see cref="IDbContextFactory{TContext}"/>: one short-lived context per operation.</summary>
public sealed class LiveOrdersDbContext(DbContextOptions<LiveOrdersDbContext> options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Employee> Employees => Set<Employee>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderEvent> OrderEvents => Set<OrderEvent>();
    public DbSet<OrderComment> OrderComments => Set<OrderComment>();
    public DbSet<Attachments.Attachment> Attachments => Set<Attachments.Attachment>();
    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Control.DisplayLink> DisplayLinks => Set<Control.DisplayLink>();
    public DbSet<Mail.EmailMessage> EmailMessages => Set<Mail.EmailMessage>();
    public DbSet<Mail.NotificationPreference> NotificationPreferences => Set<Mail.NotificationPreference>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<Integrations.ApiKey> ApiKeys => Set<Integrations.ApiKey>();
    public DbSet<Templates.OrderTemplate> OrderTemplates => Set<Templates.OrderTemplate>();
    public DbSet<Templates.RecurringSchedule> RecurringSchedules => Set<Templates.RecurringSchedule>();
    public DbSet<Templates.ScheduleOccurrence> ScheduleOccurrences => Set<Templates.ScheduleOccurrence>();
    public DbSet<Calendar.StoredCalendarYear> CalendarYears => Set<Calendar.StoredCalendarYear>();
    public DbSet<OrderType> OrderTypes => Set<OrderType>();
    public DbSet<Delays.DelayReason> DelayReasons => Set<Delays.DelayReason>();
    public DbSet<OrderRead> OrderReads => Set<OrderRead>();
    public DbSet<Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Webhooks.WebhookSubscription>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Webhooks.WebhookAttempt> WebhookAttempts => Set<Webhooks.WebhookAttempt>();
    /// <summary>ASP.NET Core's data-protection keys: cookies and antiforgery tokens stay readable after a restart and on every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LiveOrdersDbContext).Assembly);
    }

    // Every save that adds an order event or a comment adds its webhook deliveries and its audit entries too: one
    // transaction for all. The audit trail also refuses any change to an existing entry, before anything is written.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Audit.AuditTrail.BeforeSave(this, MunicipalZone);
        Webhooks.WebhookOutbox.AddDeliveries(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Audit.AuditTrail.BeforeSave(this, MunicipalZone);
        Webhooks.WebhookOutbox.AddDeliveries(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private TimeZoneInfo? _zone;

    /// <summary>The municipality's zone (<see cref="MunicipalZoneExtension"/>), for the times written into audit entries; UTC if none was given.</summary>
    private TimeZoneInfo MunicipalZone => _zone ??= this.GetService<IDbContextOptions>().FindExtension<MunicipalZoneExtension>()?.Zone ?? TimeZoneInfo.Utc;

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Stored as UTC text; read back marked as UTC so that time-zone conversion is never guessed.
        configuration.Properties<DateTime>().HaveConversion<UtcConverter>();
        configuration.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

/// <summary>The last registration number given in a year.</summary>
public sealed class NumberSequence
{
    public int Year { get; set; }
    public int Last { get; set; }
}
