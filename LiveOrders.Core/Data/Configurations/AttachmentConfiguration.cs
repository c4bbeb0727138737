using LiveOrders.Core.Attachments;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveOrders.Core.Data.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> a)
    {
        a.Property(x => x.FileName).HasMaxLength(Attachment.NameMaxLength);
        a.Property(x => x.ContentType).HasMaxLength(100);
        a.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        a.HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne<OrderEvent>().WithMany().HasForeignKey(x => x.OrderEventId).OnDelete(DeleteBehavior.Restrict);
        a.HasOne<OrderComment>().WithMany().HasForeignKey(x => x.CommentId).OnDelete(DeleteBehavior.Restrict);
        a.HasOne<Employee>().WithMany().HasForeignKey(x => x.UploadedById).OnDelete(DeleteBehavior.Restrict);
        a.HasOne<Employee>().WithMany().HasForeignKey(x => x.RemovedById).OnDelete(DeleteBehavior.Restrict);
        a.HasIndex(x => new { x.OrderId, x.UploadedAt });
        a.HasIndex(x => x.Sha256);
        // A removal races with another removal of the same file: the second must not record it twice.
        a.Property(x => x.RemovedAt).IsConcurrencyToken();
    }
}
