/** Screen under construction in this session. */
export default function IntakePage() {
  return <div>IntakePage</div>;
}
