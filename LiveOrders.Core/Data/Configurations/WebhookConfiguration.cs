using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveOrders.Core.Data.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> s)
    {
        s.Property(x => x.Url).HasMaxLength(WebhookSubscription.UrlMaxLength);
        s.Property(x => x.Secret).HasMaxLength(100);
        s.Ignore(x => x.Deleted);
        s.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> d)
    {
        d.Property(x => x.LastError).HasMaxLength(500);
        d.Ignore(x => x.State);
        d.HasOne<WebhookSubscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        d.HasOne(x => x.Order).WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        d.HasOne(x => x.OrderEvent).WithMany().HasForeignKey(x => x.OrderEventId).OnDelete(DeleteBehavior.Cascade);
        d.HasOne(x => x.OrderComment).WithMany().HasForeignKey(x => x.OrderCommentId).OnDelete(DeleteBehavior.Cascade);
        // The sender's question: what is still to go, per subscription, in order.
        d.HasIndex(x => new { x.SubscriptionId, x.DeliveredAt, x.FailedAt, x.Id });
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> a)
    {
        a.Property(x => x.Error).HasMaxLength(500);
        a.HasOne<WebhookDelivery>().WithMany().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        a.HasIndex(x => new { x.DeliveryId, x.At });
    }
}
