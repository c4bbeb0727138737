using LiveOrders.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveOrders.Core.Data.Configurations;

internal sealed class OrderTypeConfiguration : IEntityTypeConfiguration<OrderType>
{
    public void Configure(EntityTypeBuilder<OrderType> t)
    {
        t.Property(x => x.Name).HasMaxLength(OrderType.NameMaxLength);
        t.HasIndex(x => x.Name).IsUnique();
        t.Property(x => x.TermKind).HasConversion<string>().HasMaxLength(16);
        // Configured here rather than on Order: the order only points at its type.
        t.HasMany<Order>().WithOne(o => o.Type).HasForeignKey(o => o.TypeId).OnDelete(DeleteBehavior.Restrict);
    }
}
