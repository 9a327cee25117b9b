/** Screen under construction in this session. */
export default function AdminPage() {
  return <div>AdminPage</div>;
}
