using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Core.Data;

/// <summary>
/// The municipality's zone, carried in the context's options, for the times the save writes into audit entries
/// («Срок: 01.03.2026 10:00 → 05.03.2026 10:00»). It adds no EF service, so every zone shares EF's internal services.
/// </summary>
public sealed class MunicipalZoneExtension(TimeZoneInfo zone) : IDbContextOptionsExtension
{
    public TimeZoneInfo Zone { get; } = zone;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) { }

    public void Validate(IDbContextOptions options) { }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "";
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) { }
    }
}

public static class MunicipalZoneOptions
{
    public static TBuilder UseMunicipalZone<TBuilder>(this TBuilder options, TimeZoneInfo zone) where TBuilder : DbContextOptionsBuilder
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new MunicipalZoneExtension(zone));
        return options;
    }
}
