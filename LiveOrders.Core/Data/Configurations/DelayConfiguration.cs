using LiveOrders.Core.Delays;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveOrders.Core.Data.Configurations;

internal sealed class DelayReasonConfiguration : IEntityTypeConfiguration<DelayReason>
{
    public void Configure(EntityTypeBuilder<DelayReason> r)
    {
        r.Property(x => x.Name).HasMaxLength(DelayReason.NameMaxLength);
        // The list every municipality starts with: a real list, not demo content, so it comes with the schema.
        r.HasData(DelayReason.Shipped.Select(x => new { x.Id, x.Name, x.IsActive }));
        // A reason named in the history is never deleted, only retired.
        r.HasMany<OrderEvent>().WithOne().HasForeignKey(e => e.DelayReasonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrderReadConfiguration : IEntityTypeConfiguration<OrderRead>
{
    public void Configure(EntityTypeBuilder<OrderRead> r)
    {
        r.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        r.HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<Employee>().WithMany().HasForeignKey(x => x.ReaderId).OnDelete(DeleteBehavior.Restrict);
        r.HasIndex(x => new { x.OrderId, x.At });
        r.HasIndex(x => x.At);
    }
}
