using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveOrders.Core.Data.Migrations;

/// <summary>Wall-screen display links, the e-mail outbox and each person's e-mail choices.</summary>
[DbContext(typeof(LiveOrdersDbContext))]
[Migration("20261125000004_WallAndMail")]
public sealed partial class WallAndMailMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DisplayLinks",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                OwnerId = table.Column<int>(type: "INTEGER", nullable: false),
                CreatedById = table.Column<int>(type: "INTEGER", nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DisplayLinks", x => x.Id);
                table.ForeignKey("FK_DisplayLinks_Employees_CreatedById", x => x.CreatedById, "Employees", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_DisplayLinks_Employees_OwnerId", x => x.OwnerId, "Employees", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_DisplayLinks_CreatedById", "DisplayLinks", "CreatedById");
        migrationBuilder.CreateIndex("IX_DisplayLinks_OwnerId", "DisplayLinks", "OwnerId");
        migrationBuilder.CreateIndex("IX_DisplayLinks_TokenHash", "DisplayLinks", "TokenHash", unique: true);

        migrationBuilder.CreateTable(
            name: "EmailOutbox",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                To = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                Subject = table.Column<string>(type: "TEXT", maxLength: 700, nullable: false),
                Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_EmailOutbox", x => x.Id));
        migrationBuilder.CreateIndex("IX_EmailOutbox_SentAt_NextAttemptAt", "EmailOutbox", ["SentAt", "NextAttemptAt"]);

        migrationBuilder.CreateTable(
            name: "NotificationPreferences",
            columns: table => new
            {
                EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                ByEmail = table.Column<bool>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_NotificationPreferences", x => new { x.EmployeeId, x.Kind });
                table.ForeignKey("FK_NotificationPreferences_Employees_EmployeeId", x => x.EmployeeId, "Employees", "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("NotificationPreferences");
        migrationBuilder.DropTable("EmailOutbox");
        migrationBuilder.DropTable("DisplayLinks");
    }
}
