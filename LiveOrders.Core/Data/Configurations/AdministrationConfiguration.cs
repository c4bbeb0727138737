using LiveOrders.Core.Audit;
using LiveOrders.Core.Integrations;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveOrders.Core.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> a)
    {
        a.Property(x => x.ActorName).HasMaxLength(200);
        a.Property(x => x.Action).HasMaxLength(64);
        a.Property(x => x.EntityType).HasMaxLength(32);
        a.Property(x => x.EntityId).HasMaxLength(64);
        a.Property(x => x.Summary).HasMaxLength(AuditEntry.SummaryMaxLength);
        // Entries written before the kind existed read as administration (all of them were); the sentinel is a value no entry
        // has, so EF always writes the entry's own kind rather than leaving it to the default.
        a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20).HasDefaultValue(AuditKind.Administration).HasSentinel((AuditKind)(-1));
        a.Property(x => x.Address).HasMaxLength(AuditEntry.AddressMaxLength);
        a.Property(x => x.ActorKey).HasMaxLength(200);
        // Restrict: orders are never deleted, and an entry must never be changed by a cascade.
        a.HasOne(x => x.Order).WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Restrict);
        // Newest first, whole or by kind, person or address: each read walks one of these indexes backwards a page at a time.
        a.HasIndex(x => new { x.At, x.Id });
        a.HasIndex(x => new { x.Kind, x.At });
        a.HasIndex(x => new { x.ActorId, x.At });
        a.HasIndex(x => new { x.Address, x.At });
        a.HasIndex(x => new { x.EntityType, x.EntityId });
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> k)
    {
        k.Property(x => x.Name).HasMaxLength(ApiKey.NameMaxLength);
        k.Property(x => x.Prefix).HasMaxLength(16);
        k.Property(x => x.SecretHash).HasMaxLength(64);
        k.HasIndex(x => x.Prefix).IsUnique();
        k.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        k.HasOne<Employee>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
        k.HasMany(x => x.Departments).WithOne().HasForeignKey(x => x.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyDepartmentConfiguration : IEntityTypeConfiguration<ApiKeyDepartment>
{
    public void Configure(EntityTypeBuilder<ApiKeyDepartment> d)
    {
        d.HasKey(x => new { x.ApiKeyId, x.DepartmentId });
        d.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
