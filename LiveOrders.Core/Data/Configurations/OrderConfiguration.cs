using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveOrders.Core.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> o)
    {
        o.Property(x => x.Number).HasMaxLength(20);
        o.HasIndex(x => x.Number).IsUnique();
        o.Property(x => x.Title).HasMaxLength(Order.TitleMaxLength);
        o.Property(x => x.Text).HasMaxLength(Order.TextMaxLength);
        o.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        o.Property(x => x.Priority).HasConversion<string>().HasMaxLength(20);
        o.Property(x => x.ExtensionReason).HasMaxLength(Order.ReasonMaxLength);
        o.Property(x => x.Version).IsConcurrencyToken();
        o.Property(x => x.SearchKey).HasMaxLength(Order.TitleMaxLength + 30);
        // Added to existing databases with a default; the model says so too, so both schemas agree.
        o.Property(x => x.PingPongCount).HasDefaultValue(0);
        o.Property(x => x.ContainsPersonalData).HasDefaultValue(false);

        o.HasOne<Employee>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        o.HasOne<Employee>().WithMany().HasForeignKey(x => x.ResponsibleId).OnDelete(DeleteBehavior.Restrict);
        o.HasOne<Employee>().WithMany().HasForeignKey(x => x.ExtensionRequestedById).OnDelete(DeleteBehavior.Restrict);
        o.HasOne<Employee>().WithMany().HasForeignKey(x => x.ControllerId).OnDelete(DeleteBehavior.Restrict);
        o.HasOne<Department>().WithMany().HasForeignKey(x => x.IssuingDepartmentId).OnDelete(DeleteBehavior.Restrict);
        o.HasOne<Department>().WithMany().HasForeignKey(x => x.ExecutingDepartmentId).OnDelete(DeleteBehavior.Restrict);
        o.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);

        o.HasMany(x => x.History).WithOne().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);
        o.Navigation(x => x.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        o.OwnsMany(x => x.CoExecutors, c =>
        {
            c.ToTable("OrderCoExecutors");
            c.WithOwner().HasForeignKey(x => x.OrderId);
            c.HasKey(x => new { x.OrderId, x.EmployeeId });
            c.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        });
        o.Navigation(x => x.CoExecutors).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The lists and boards filter by department and status and sort by due time.
        o.HasIndex(x => new { x.ExecutingDepartmentId, x.Status, x.DueAt });
        o.HasIndex(x => new { x.IssuingDepartmentId, x.Status });
        o.HasIndex(x => x.ResponsibleId);
        o.HasIndex(x => x.AuthorId);
        o.HasIndex(x => x.ControllerId);
        // The reports count the orders a department completed within a period (bench/reports: a range, not every done order).
        o.HasIndex(x => new { x.ExecutingDepartmentId, x.Status, x.CompletedAt });
    }
}

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> e)
    {
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.Reason).HasMaxLength(Order.ReasonMaxLength);
        e.HasOne<Employee>().WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.OrderId, x.At });
        // The reports read events of a kind within a period (sent, forwarded, returned…): a range, not the whole history.
        // With the receiving department and the order in it, the index alone answers «received» and the arrivals of
        // «time to accept», without a lookup of each event's row (bench/reports/README.md).
        e.HasIndex(x => new { x.Kind, x.At, x.ToDepartmentId, x.OrderId });
    }
}

internal sealed class OrderCommentConfiguration : IEntityTypeConfiguration<OrderComment>
{
    public void Configure(EntityTypeBuilder<OrderComment> c)
    {
        c.Property(x => x.Text).HasMaxLength(OrderComment.MaxLength);
        c.HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        c.HasOne<Employee>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        c.HasIndex(x => new { x.OrderId, x.CreatedAt });
    }
}
