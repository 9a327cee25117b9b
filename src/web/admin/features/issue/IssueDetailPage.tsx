/** Screen under construction in this session. */
export default function IssueDetailPage() {
  return <div>IssueDetailPage</div>;
}
