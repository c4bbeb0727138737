using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace LiveOrders.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue9Delays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ContainsPersonalData",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "DelayReasonId",
                table: "OrderEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DelayReasons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DelayReasons", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OrderReads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReaderId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderReads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderReads_Employees_ReaderId",
                        column: x => x.ReaderId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OrderReads_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "DelayReasons",
                columns: new[] { "Id", "IsActive", "Name" },
                values: new object[,]
                {
                    { 1, true, "Не поступили сведения от других органов" },
                    { 2, true, "Недостаточно ресурсов" },
                    { 3, true, "Требуется согласование" },
                    { 4, true, "Технические причины" },
                    { 5, true, "Иное" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_OrderEvents_DelayReasonId",
                table: "OrderEvents",
                column: "DelayReasonId");

            migrationBuilder.CreateIndex(
                name: "IX_OrderReads_At",
                table: "OrderReads",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_OrderReads_OrderId_At",
                table: "OrderReads",
                columns: new[] { "OrderId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderReads_ReaderId",
                table: "OrderReads",
                column: "ReaderId");

            migrationBuilder.AddForeignKey(
                name: "FK_OrderEvents_DelayReasons_DelayReasonId",
                table: "OrderEvents",
                column: "DelayReasonId",
                principalTable: "DelayReasons",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_OrderEvents_DelayReasons_DelayReasonId",
                table: "OrderEvents");

            migrationBuilder.DropTable(
                name: "DelayReasons");

            migrationBuilder.DropTable(
                name: "OrderReads");

            migrationBuilder.DropIndex(
                name: "IX_OrderEvents_DelayReasonId",
                table: "OrderEvents");

            migrationBuilder.DropColumn(
                name: "ContainsPersonalData",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "DelayReasonId",
                table: "OrderEvents");
        }
    }
}
