using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveOrders.Core.Data.Configurations;

internal sealed class OrderTemplateConfiguration : IEntityTypeConfiguration<OrderTemplate>
{
    public void Configure(EntityTypeBuilder<OrderTemplate> t)
    {
        t.Property(x => x.Title).HasMaxLength(Order.TitleMaxLength);
        t.Property(x => x.Text).HasMaxLength(Order.TextMaxLength);
        t.Property(x => x.Priority).HasConversion<string>().HasMaxLength(20);
        t.Property(x => x.TermKind).HasConversion<string>().HasMaxLength(20);
        // A JSON array: the departments are read and written only with the template.
        t.PrimitiveCollection(x => x.DepartmentIds);
        t.Property(x => x.Version).IsConcurrencyToken();
        t.Ignore(x => x.Term);
        t.Ignore(x => x.Content);
        t.HasOne<Employee>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        t.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        t.HasOne(x => x.Schedule).WithOne().HasForeignKey<RecurringSchedule>(s => s.TemplateId).OnDelete(DeleteBehavior.Cascade);
        t.HasIndex(x => new { x.DepartmentId, x.Title });
        t.HasIndex(x => x.AuthorId);
    }
}

internal sealed class RecurringScheduleConfiguration : IEntityTypeConfiguration<RecurringSchedule>
{
    public void Configure(EntityTypeBuilder<RecurringSchedule> s)
    {
        s.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        s.Property(x => x.Weekday).HasConversion<string>().HasMaxLength(12);
        s.Ignore(x => x.Recurrence);
        s.HasIndex(x => x.TemplateId).IsUnique();
        s.HasOne<Employee>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        s.HasMany<ScheduleOccurrence>().WithOne().HasForeignKey(o => o.ScheduleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScheduleOccurrenceConfiguration : IEntityTypeConfiguration<ScheduleOccurrence>
{
    public void Configure(EntityTypeBuilder<ScheduleOccurrence> o)
    {
        // The never-twice guarantee: an occurrence is recorded once, in the transaction that creates its order.
        o.HasIndex(x => new { x.ScheduleId, x.Date }).IsUnique();
        o.Property(x => x.Failure).HasMaxLength(ScheduleOccurrence.FailureMaxLength);
        o.HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.SetNull);
    }
}
