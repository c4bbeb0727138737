using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveOrders.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue9Custody : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PingPongCount",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PingPongCount",
                table: "Orders");
        }
    }
}
