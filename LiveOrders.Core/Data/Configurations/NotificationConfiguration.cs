using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveOrders.Core.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> n)
    {
        n.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        n.Property(x => x.Text).HasMaxLength(Notification.TextMaxLength);
        n.HasOne<Employee>().WithMany().HasForeignKey(x => x.RecipientId).OnDelete(DeleteBehavior.Cascade);
        n.HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        // The bell asks "my unread, newest first".
        n.HasIndex(x => new { x.RecipientId, x.ReadAt, x.CreatedAt });
    }
}
