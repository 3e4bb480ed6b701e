import { NotFoundNotice } from "@/components/site/not-found-notice";

/** Every unknown address, public or staff, that no route matches. Rendered at build time as well. */
export default function NotFound() {
  return <NotFoundNotice />;
}
