using LiveOrders.Core.Mail;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveOrders.Core.Data.Configurations;

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> m)
    {
        m.ToTable("EmailOutbox");
        m.Property(x => x.To).HasMaxLength(256);
        m.Property(x => x.Subject).HasMaxLength(700);
        m.Property(x => x.Body).HasMaxLength(4000);
        m.Property(x => x.LastError).HasMaxLength(1000);
        // The sender asks "unsent, due now".
        m.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> p)
    {
        p.HasKey(x => new { x.EmployeeId, x.Kind });
        p.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        p.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
