/** Screen under construction in this session. */
export default function WorkbenchPage() {
  return <div>WorkbenchPage</div>;
}
