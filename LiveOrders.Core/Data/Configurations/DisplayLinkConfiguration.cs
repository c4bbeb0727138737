using LiveOrders.Core.Control;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveOrders.Core.Data.Configurations;

internal sealed class DisplayLinkConfiguration : IEntityTypeConfiguration<DisplayLink>
{
    public void Configure(EntityTypeBuilder<DisplayLink> l)
    {
        l.Property(x => x.Name).HasMaxLength(DisplayLink.NameMaxLength);
        l.Property(x => x.TokenHash).HasMaxLength(64);
        l.HasIndex(x => x.TokenHash).IsUnique();
        l.HasOne<Employee>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        l.HasOne<Employee>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}
