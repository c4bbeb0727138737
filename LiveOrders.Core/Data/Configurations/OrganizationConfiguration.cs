using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveOrders.Core.Data.Configurations;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> d)
    {
        d.Property(x => x.Name).HasMaxLength(200);
        d.Property(x => x.ShortName).HasMaxLength(60);
        d.HasIndex(x => x.Name).IsUnique();
        // The column was added to existing databases with a default; the model says so too, so both schemas agree.
        d.Property(x => x.IsControl).HasDefaultValue(false);
        d.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        d.HasOne(x => x.Curator).WithMany().HasForeignKey(x => x.CuratorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class EmployeeConfiguration : IEntityTypeConfiguration<Employee>
{
    public void Configure(EntityTypeBuilder<Employee> e)
    {
        e.Property(x => x.FullName).HasMaxLength(200);
        e.Property(x => x.Position).HasMaxLength(200);
        e.Property(x => x.Email).HasMaxLength(256);
        e.Property(x => x.Role).HasConversion<string>().HasMaxLength(32);
        e.Ignore(x => x.ShortName);
        e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IdentityUser>().WithOne().HasForeignKey<Employee>(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => x.UserId).IsUnique();
    }
}

internal sealed class NumberSequenceConfiguration : IEntityTypeConfiguration<NumberSequence>
{
    public void Configure(EntityTypeBuilder<NumberSequence> n)
    {
        n.HasKey(x => x.Year);
        n.Property(x => x.Year).ValueGeneratedNever();
    }
}
