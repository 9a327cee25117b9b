/** Screen under construction in this session. */
export default function LedgerPage() {
  return <div>LedgerPage</div>;
}
