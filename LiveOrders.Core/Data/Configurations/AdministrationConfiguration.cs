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
        a.HasIndex(x => x.At);
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
