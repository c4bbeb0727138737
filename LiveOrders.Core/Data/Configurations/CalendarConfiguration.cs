using LiveOrders.Core.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveOrders.Core.Data.Configurations;

internal sealed class StoredCalendarYearConfiguration : IEntityTypeConfiguration<StoredCalendarYear>
{
    public void Configure(EntityTypeBuilder<StoredCalendarYear> y)
    {
        y.ToTable("CalendarYears");
        y.HasKey(x => x.Year);
        y.Property(x => x.Year).ValueGeneratedNever();
        y.Property(x => x.UpdatedBy).HasMaxLength(200);
        y.HasMany(x => x.Days).WithOne().HasForeignKey(d => d.Year).OnDelete(DeleteBehavior.Cascade);
        y.Navigation(x => x.Days).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class StoredCalendarDayConfiguration : IEntityTypeConfiguration<StoredCalendarDay>
{
    public void Configure(EntityTypeBuilder<StoredCalendarDay> d)
    {
        d.ToTable("CalendarDays");
        d.HasKey(x => x.Date);
    }
}
