/** A table with one header row of `titles`, and the body to fill. */
export function headedTable(className: string, titles: string[]): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const table = document.createElement("table");
  table.className = className;
  const header = table.createTHead().insertRow();
  for (const title of titles) {
    const th = document.createElement("th");
    th.textContent = title;
    header.appendChild(th);
  }
  return { table, body: table.createTBody() };
}
